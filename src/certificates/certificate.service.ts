import type { DataSource } from "typeorm";
import type { Context } from "../context";
import { Certificate } from "./certificate.entity";

export class CertificateService {
  constructor(private readonly dataSource: DataSource) {}

  /** Any certificate by its number, whatever its status (a buyer checking a label). */
  async byNumber(_ctx: Context, number: string): Promise<Certificate | null> {
    const trimmed = number.trim();
    if (trimmed === "" || trimmed.length > 64) return null;
    return this.dataSource.getRepository(Certificate).findOne({ where: { number: trimmed } });
  }
}
