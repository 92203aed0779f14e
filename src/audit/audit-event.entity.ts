import { Column, Entity, Index, PrimaryGeneratedColumn, type EntityManager } from "typeorm";

/**
 * The append-only history of every state change: who, when, what, on which record, from which state to
 * which, and a note. Written in the same transaction as the change it records; never updated.
 */
@Entity()
@Index(["subjectType", "subjectId", "id"])
@Index(["actorId", "id"])
export class AuditEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "datetime", precision: 3 })
  at: Date;

  /** The staff user who acted; null for the system (loaders, command-line tasks). */
  @Column({ type: "int", nullable: true })
  actorId: number | null;

  @Column({ type: "varchar", length: 64 })
  action: string;

  @Column({ type: "varchar", length: 32 })
  subjectType: string;

  @Column({ type: "varchar", length: 64 })
  subjectId: string;

  @Column({ type: "varchar", length: 32, nullable: true })
  fromStatus: string | null;

  @Column({ type: "varchar", length: 32, nullable: true })
  toStatus: string | null;

  @Column({ type: "text", nullable: true })
  note: string | null;
}

export type AuditEntry = {
  at: Date;
  actorId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | number;
  fromStatus?: string | null;
  toStatus?: string | null;
  note?: string | null;
};

/** Appends one event; call it with the transaction's manager. */
export function audit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  return auditMany(manager, [entry]);
}

/** Appends many events in a few statements (an import's hundreds). */
export async function auditMany(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
  const rows = entries.map((entry) => ({
    ...entry,
    subjectId: String(entry.subjectId),
    fromStatus: entry.fromStatus ?? null,
    toStatus: entry.toStatus ?? null,
    note: entry.note ?? null,
  }));
  for (let i = 0; i < rows.length; i += 500) await manager.insert(AuditEvent, rows.slice(i, i + 500));
}
