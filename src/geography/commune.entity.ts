import { globalId, Node, NODE_ID } from "../core/node";
import { Field, ObjectType, registerEnumType, Directive, ID } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { PUBLIC_CACHE } from "../core/cache";

export enum CommuneKind {
  XA = "XA",
  PHUONG = "PHUONG",
  DAC_KHU = "DAC_KHU",
}
registerEnumType(CommuneKind, {
  name: "CommuneKind",
  description: "Kind of commune-level unit: xã (rural commune), phường (urban ward), đặc khu (special zone).",
});

@Entity()
@ObjectType({ description: "A province or centrally-run city (tỉnh / thành phố)." })
@Directive(PUBLIC_CACHE)
export class Province {
  @PrimaryColumn({ type: "varchar", length: 2 })
  @Field({ description: 'Two-digit code of the General Statistics Office, e.g. "12" for Lai Châu.' })
  code: string;

  @Column({ type: "varchar", length: 100 })
  @Field()
  name: string;
}

@Entity()
@ObjectType({
  description: "A commune-level administrative unit (xã, phường, đặc khu) since 1 July 2025.",
  implements: Node,
})
@Directive(PUBLIC_CACHE)
export class Commune {
  @PrimaryColumn({ type: "varchar", length: 5 })
  @Field({ description: 'Five-digit unit code, e.g. "03390".' })
  code: string;

  @Field(() => ID, { name: "id", description: NODE_ID })
  get nodeId(): string {
    return globalId("Commune", this.code);
  }

  @Column({ type: "varchar", length: 100 })
  @Field()
  name: string;

  @Column({ type: "simple-enum", enum: CommuneKind })
  @Field(() => CommuneKind)
  kind: CommuneKind;

  @Index()
  @Column({ type: "varchar", length: 2 })
  provinceCode: string;

  @ManyToOne(() => Province, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "provinceCode" })
  province?: Province;

  @Column({ type: "varchar", length: 100, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "The district it belonged to before districts were abolished on 1 July 2025.",
  })
  formerDistrict: string | null;

  @Column({ type: "simple-json" })
  @Field(() => [String], {
    description: "Names of the units merged into it; older certificates and addresses use them.",
  })
  mergedFrom: string[];

  @Column({ type: "int" })
  position: number;
}

export const COMMUNE_KINDS_BY_LABEL: Record<string, CommuneKind> = {
  xa: CommuneKind.XA,
  phuong: CommuneKind.PHUONG,
  dac_khu: CommuneKind.DAC_KHU,
};
