import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** Content types accepted as evidence, recognised by their first bytes, with the extension they are stored and served under. */
export const FILE_TYPES = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
} as const;
export type FileType = keyof typeof FILE_TYPES;

/** An uploaded evidence file; its bytes live in FILES_DIR under their SHA-256. */
@Entity()
@Index(["uploadedById", "createdAt"])
@ObjectType({ description: "An uploaded file (evidence of a dossier)." })
export class StoredFile {
  @PrimaryGeneratedColumn()
  @Field(() => ID)
  id: number;

  @Index()
  @Column({ type: "varchar", length: 64 })
  @Field({ description: "SHA-256 of the bytes, hex: proves the file was not changed." })
  sha256: string;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Bytes." })
  size: number;

  @Column({ type: "varchar", length: 50 })
  @Field({
    description:
      "As recognised from the bytes (never the name or the declared type): application/pdf, image/png or image/jpeg.",
  })
  contentType: string;

  /** The uploader's name for it, with the extension of the recognised type. */
  @Column({ type: "varchar", length: 255 })
  @Field(() => String, {
    name: "name",
    description: "The uploader's file name (UTF-8), with the extension of its recognised type.",
  })
  originalName: string;

  @Column({ type: "int" })
  uploadedById: number;

  @CreateDateColumn()
  @Field()
  createdAt: Date;
}
