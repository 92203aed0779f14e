import { ArgsType, Directive, Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Text } from "../core/validation";
import { badInput } from "../core/errors";
import { INHERIT_CACHE } from "../core/cache";
import { words } from "../core/text";
import { leanMany } from "../core/lean";
import type { RequestScope } from "../request";
import { productSearchCondition } from "./product-index";
import { LISTED, Product } from "./product.entity";

export enum SuggestionKind {
  PRODUCT = "PRODUCT",
  PRODUCER = "PRODUCER",
  COMMUNE = "COMMUNE",
}
registerEnumType(SuggestionKind, { name: "SuggestionKind" });

@Directive(INHERIT_CACHE)
@ObjectType({
  description: "What to offer as the visitor types: a product, a producer or a commune of the catalog.",
})
export class ProductSuggestion {
  @Field(() => SuggestionKind)
  kind: SuggestionKind;

  @Field({ description: "The name to show." })
  text: string;

  productId?: number;
  producerId?: number;
  communeCode?: string;
}

export const SUGGESTIONS_MAX = 10;

@ArgsType()
export class SuggestionArgs {
  @Field({ description: "What the visitor has typed so far (text, never a pattern)." })
  @Text(100)
  prefix: string;

  @Field(() => Int, { nullable: true, description: "1–10, default 10." })
  first?: number | null;
}
/** The catalog products read to find the suggestions: the most stars first. */
const CANDIDATES = 50;

/**
 * Suggestions for what the visitor has typed so far: the catalog's products (holding an ACTIVE certificate)
 * the search finds (marks, English and one typo as in the listing), then whose name, producer's name or
 * commune's name the words start: names that start with what was typed first, products before producers
 * before communes, then the most stars. The prefix is text, never a pattern.
 */
export async function productSuggestions(
  ctx: RequestScope,
  prefix: string,
  first: number = SUGGESTIONS_MAX,
): Promise<ProductSuggestion[]> {
  if (first < 1 || first > SUGGESTIONS_MAX)
    throw badInput("field.range", "first", { detail: `1 to ${SUGGESTIONS_MAX}` });
  const typed = words(prefix);
  if (!typed.length) return [];
  const qb = ctx.reader.getRepository(Product).createQueryBuilder("p").where(LISTED, { today: ctx.today });
  qb.andWhere(productSearchCondition(qb, "p.id", prefix)!);
  // Stars, then the newest: read backwards from the (stars, id) index, each row checked against the
  // matching ids, it stops at CANDIDATES even for a prefix that thousands of products match. Then by name.
  const products = (
    await leanMany(qb.orderBy("p.stars", "DESC").addOrderBy("p.id", "DESC").limit(CANDIDATES))
  ).sort((a, b) => (b.stars ?? 0) - (a.stars ?? 0) || a.nameKey.localeCompare(b.nameKey));
  const [producers, communes] = await Promise.all([
    Promise.all(products.map((p) => ctx.loaders.producer.load(p.producerId))),
    Promise.all(products.map((p) => ctx.loaders.commune.load(p.communeCode))),
  ]);
  // Each suggestion once, with its place: a name that starts with what was typed first, then by kind and stars.
  const found = new Map<string, { suggestion: ProductSuggestion; order: number }>();
  const offer = (key: string, s: ProductSuggestion, rank: number) => {
    if (found.has(key)) return;
    // Every word typed starts a word of the name (folded), in any order.
    const own = words(s.text);
    if (!typed.every((t) => own.some((w) => w.startsWith(t)))) return;
    const starts = own.join(" ").startsWith(typed.join(" ")) ? 0 : 1;
    found.set(key, { suggestion: Object.assign(new ProductSuggestion(), s), order: starts * 1000 + rank });
  };
  products.forEach((p, i) => {
    offer(`product:${p.id}`, { kind: SuggestionKind.PRODUCT, text: p.name, productId: p.id }, i);
    const producer = producers[i];
    if (producer)
      offer(
        `producer:${producer.id}`,
        { kind: SuggestionKind.PRODUCER, text: producer.name, producerId: producer.id },
        100 + i,
      );
    const commune = communes[i];
    if (commune)
      offer(
        `commune:${commune.code}`,
        { kind: SuggestionKind.COMMUNE, text: commune.name, communeCode: commune.code },
        200 + i,
      );
  });
  return [...found.values()]
    .sort((a, b) => a.order - b.order)
    .slice(0, first)
    .map((f) => f.suggestion);
}
