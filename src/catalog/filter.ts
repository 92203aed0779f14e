import { badInput } from "../core/errors";
import type { ProductFilter } from "./catalog.types";

export const SEARCH_MAX_LENGTH = 200;
const LIST_FILTER_MAX = 100;
const COMMUNE_CODE = /^\d{5}$/;
const CATEGORY_CODE = /^[IVX]+(\.\d+(\.[a-z])?)?$/;

/** Checks the catalog filter's sizes and shapes; answers a normalised copy (empty lists mean "no filter", repeats once). */
export function checkFilter(filter?: ProductFilter | null): ProductFilter {
  const f: ProductFilter = { ...(filter ?? {}) };
  const list = <T>(name: string, values: T[] | null | undefined, valid: (v: T) => boolean, what: string) => {
    if (!values || values.length === 0) return undefined;
    if (values.length > LIST_FILTER_MAX)
      throw badInput("field.listCap", `filter.${name}`, { max: LIST_FILTER_MAX });
    const bad = values.filter((v) => !valid(v));
    if (bad.length)
      throw badInput("field.list", `filter.${name}`, {
        values: bad.slice(0, 5).map(String).join(", "),
        what,
      });
    return [...new Set(values)];
  };
  f.communeCodes = list(
    "communeCodes",
    f.communeCodes,
    (c) => COMMUNE_CODE.test(c),
    "a five-digit commune code",
  );
  f.categoryCodes = list(
    "categoryCodes",
    f.categoryCodes,
    (c) => CATEGORY_CODE.test(c),
    "a category code like I, I.2 or I.2.a",
  );
  f.stars = list("stars", f.stars, (s) => s >= 3 && s <= 5, "3, 4 or 5");
  if (f.search && f.search.length > SEARCH_MAX_LENGTH) {
    throw badInput("field.maxLength", "filter.search", { max: SEARCH_MAX_LENGTH });
  }
  if (
    f.certifiedInYear !== null &&
    f.certifiedInYear !== undefined &&
    (f.certifiedInYear < 1990 || f.certifiedInYear > 2200)
  ) {
    throw badInput("field.year", "filter.certifiedInYear");
  }
  return f;
}
