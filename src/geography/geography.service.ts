import type { DataSource } from "typeorm";
import type { Context } from "../context";
import { Commune } from "./commune.entity";

export class GeographyService {
  constructor(private readonly dataSource: DataSource) {}

  communes(_ctx: Context, provinceCode: string | null): Promise<Commune[]> {
    return this.dataSource.getRepository(Commune).find({
      where: provinceCode ? { provinceCode } : {},
      order: { provinceCode: "ASC", position: "ASC" },
    });
  }
}
