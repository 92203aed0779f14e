import { badInput } from "../core/errors";
import type { RequestScope } from "../request";
import { Commune } from "./commune.entity";
import { CommuneNames } from "./commune-names";

export const COMMUNE_SEARCH_MAX_LENGTH = 100;

export class GeographyService {
  /** In official order; with `search`, those whose current or former name matches, current names first. */
  async communes(
    ctx: RequestScope,
    provinceCode: string | null,
    search: string | null = null,
  ): Promise<Commune[]> {
    const communes = await ctx.reader.getRepository(Commune).find({
      where: provinceCode ? { provinceCode } : {},
      order: { provinceCode: "ASC", position: "ASC" },
    });
    if (search === null) return communes;
    if (search.length > COMMUNE_SEARCH_MAX_LENGTH)
      throw badInput("field.maxLength", "search", { max: COMMUNE_SEARCH_MAX_LENGTH });
    return new CommuneNames(communes).search(search);
  }
}
