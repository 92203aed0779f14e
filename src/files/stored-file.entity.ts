import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** Content types accepted, recognised by their bytes, with the extension they are stored and served under. */
export const FILE_TYPES = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "text/csv": "csv",
} as const;
export type FileType = keyof typeof FILE_TYPES;

/**
 * What an upload is for (the form field `purpose`): evidence of a dossier, a spreadsheet to import, or a
 * photo of a product for the public catalog.
 */
export const FILE_PURPOSES = ["evidence", "import", "image"] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];
export const TYPES_FOR: Record<FilePurpose, FileType[]> = {
  evidence: ["application/pdf", "image/png", "image/jpeg"],
  import: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"],
  image: ["image/jpeg", "image/png", "image/webp"],
};

/** An uploaded file; its bytes live in FILES_DIR under their SHA-256. */
@Entity()
@Index(["uploadedById", "createdAt"])
@ObjectType({
  description: "An uploaded file (evidence of a dossier, a spreadsheet to import or a product photo).",
})
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

  @Column({ type: "varchar", length: 100 })
  @Field({
    description:
      "As recognised from the bytes (never the name or the declared type): application/pdf, image/png or image/jpeg for evidence; an xlsx workbook or text/csv for an import; image/jpeg, image/png or image/webp for a product photo.",
  })
  contentType: string;

  /** The uploader's name for it, with the extension of the recognised type. */
  @Column({ type: "varchar", length: 255 })
  @Field(() => String, {
    name: "name",
    description: "The uploader's file name (UTF-8), with the extension of its recognised type.",
  })
  originalName: string;

  @Column({ type: "varchar", length: 16, default: "evidence" })
  @Field({ description: "What it was uploaded for: evidence, import or image." })
  purpose: string;

  @Column({ type: "int" })
  uploadedById: number;

  @CreateDateColumn()
  @Field()
  createdAt: Date;
}

export const isType = (file: Pick<StoredFile, "contentType">, purpose: FilePurpose): boolean =>
  (TYPES_FOR[purpose] as string[]).includes(file.contentType);
