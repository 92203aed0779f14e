import type { DataSource, EntityManager } from "typeorm";
import type { Context } from "../context";
import { Certificate } from "./certificate.entity";

/**
 * A certificate by the number printed on its label, as people type it: surrounding spaces and letter case
 * do not matter (MySQL's collation ignores case; SQLite is told to).
 */
export function findByNumber(m: EntityManager, number: string): Promise<Certificate | null> {
  const trimmed = number.trim();
  if (trimmed === "" || trimmed.length > 64) return Promise.resolve(null);
  const nocase = m.connection.options.type === "better-sqlite3" ? " COLLATE NOCASE" : "";
  return m
    .getRepository(Certificate)
    .createQueryBuilder("c")
    .where(`c.number = :number${nocase}`, { number: trimmed })
    .getOne();
}

export class CertificateService {
  constructor(private readonly dataSource: DataSource) {}

  /** Any certificate by its number, whatever its status (a buyer checking a label). */
  byNumber(_ctx: Context, number: string): Promise<Certificate | null> {
    return findByNumber(this.dataSource.manager, number);
  }
}
