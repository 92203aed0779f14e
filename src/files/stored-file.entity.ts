import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** An uploaded evidence file; its bytes live in FILES_DIR under their SHA-256. */
@Entity()
export class StoredFile {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: "varchar", length: 64 })
  sha256: string;

  @Column({ type: "int" })
  size: number;

  @Column({ type: "varchar", length: 50 })
  contentType: string;

  @Column({ type: "varchar", length: 255 })
  originalName: string;

  @Index()
  @Column({ type: "int" })
  uploadedById: number;

  @CreateDateColumn()
  createdAt: Date;
}
