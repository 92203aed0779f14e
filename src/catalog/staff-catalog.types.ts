import { IsEmail, IsOptional, IsUrl, Matches } from "class-validator";
import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { connectionOf } from "../core/paging";
import { ListCap, Phone, Text } from "../core/validation";
import { DegreesInput } from "../content/place-input";
import { Producer, ProducerKind } from "./producer.entity";
import { Product } from "./product.entity";

/** The producer's details that may be given or left out on creation and on update (inherited by both inputs). */
@InputType()
class ProducerDetails {
  @Field(() => String, { nullable: true })
  @Text(50, { optional: true })
  registrationNumber?: string | null;

  @Field(() => String, { nullable: true })
  @Text(255, { optional: true })
  representative?: string | null;

  @Field(() => String, { nullable: true })
  @Text(500, { optional: true })
  address?: string | null;

  @Field(() => String, { nullable: true })
  @Phone()
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @Text(255, { optional: true })
  @IsEmail({}, { message: "email is not an email address" })
  email?: string | null;

  @Field(() => String, { nullable: true })
  @Text(255, { optional: true })
  @IsUrl(
    { require_protocol: true, protocols: ["http", "https"] },
    { message: "website must be an http(s) URL" },
  )
  website?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "The producer agreed to show its phone, address, website and opening hours in the public catalog (default false).",
  })
  publicContact?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: "As the producer gives them, e.g. “7:00–17:00 hằng ngày”.",
  })
  @Text(255, { optional: true })
  openingHours?: string | null;

  @DegreesInput(90)
  latitude?: number | null;

  @DegreesInput(180)
  longitude?: number | null;
}

@InputType()
export class CreateProducerInput extends ProducerDetails {
  @Field()
  @Text(255)
  name: string;

  @Field(() => ProducerKind)
  kind: ProducerKind;

  @Field()
  @Matches(/^\d{5}$/, { message: "communeCode must be a five-digit unit code" })
  communeCode: string;
}

@InputType({ description: "Only the fields given change; the commune cannot change." })
export class UpdateProducerInput extends ProducerDetails {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @Text(255, { optional: true })
  name?: string | null;

  @Field(() => ProducerKind, { nullable: true })
  kind?: ProducerKind | null;
}

@InputType()
export class CreateProductInput {
  @Field(() => ID)
  producerId: string;

  @Field()
  @Text(255)
  name: string;

  @Field({ description: "A product set, e.g. I.2.b." })
  @Matches(/^[IV]{1,3}(\.\d{1,2}(\.[a-z])?)?$/, { message: "categoryCode must be a code like I.2.b" })
  categoryCode: string;

  @Field(() => String, { nullable: true })
  @Text(5000, { optional: true, multiline: true })
  description?: string | null;
}

@InputType({ description: "Only the fields given change." })
export class UpdateProductInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @Text(255, { optional: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[IV]{1,3}(\.\d{1,2}(\.[a-z])?)?$/, { message: "categoryCode must be a code like I.2.b" })
  categoryCode?: string | null;

  @Field(() => String, { nullable: true })
  @Text(5000, { optional: true, multiline: true })
  description?: string | null;

  @Field(() => String, { nullable: true, description: "The name in English (blank: none)." })
  @Text(255, { optional: true })
  nameEn?: string | null;

  @Field(() => String, { nullable: true, description: "The description in English (blank: none)." })
  @Text(5000, { optional: true, multiline: true })
  descriptionEn?: string | null;
}

export enum StaffCertificateStatus {
  ACTIVE = "ACTIVE",
  EXPIRED = "EXPIRED",
  REVOKED = "REVOKED",
  SUPERSEDED = "SUPERSEDED",
  NONE = "NONE",
}
registerEnumType(StaffCertificateStatus, {
  name: "StaffCertificateStatus",
  description:
    "The status of the certificate a product shows (its current one, else its newest); NONE when it never had one.",
});

/** What every staff list filters by: communes, and words. */
@InputType()
class StaffListFilter {
  @Field(() => [String], { nullable: true, description: "Any of these commune codes." })
  @ListCap()
  @IsOptional()
  @Matches(/^\d{5}$/, { each: true, message: "communeCodes must be five-digit unit codes" })
  communeCodes?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Words, accents ignored, the last one as a prefix: of the product, its producer or its commune (current or former name) for products; of the name, or the registration number, for producers.",
  })
  @Text(200, { optional: true })
  search?: string | null;
}

@InputType({ description: "Filters combine with AND across fields and OR within a list." })
export class StaffProductFilter extends StaffListFilter {
  @Field(() => [StaffCertificateStatus], { nullable: true })
  @ListCap()
  certificateStatuses?: StaffCertificateStatus[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "true: only products with a dossier under evaluation; false: only those without.",
  })
  hasOpenDossier?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Archived products too (default: not)." })
  includeArchived?: boolean | null;
}

@InputType({ description: "Filters combine with AND across fields and OR within a list." })
export class StaffProducerFilter extends StaffListFilter {
  @Field(() => [ProducerKind], { nullable: true })
  @ListCap()
  kinds?: ProducerKind[] | null;
}

export const StaffProductConnection = connectionOf(
  Product,
  "StaffProduct",
  "A page of products as staff see them, certified or not, by name.",
);
export type StaffProductConnection = InstanceType<typeof StaffProductConnection>;

export const StaffProducerConnection = connectionOf(
  Producer,
  "StaffProducer",
  "A page of producers, by name.",
);
export type StaffProducerConnection = InstanceType<typeof StaffProducerConnection>;
