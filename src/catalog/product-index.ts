import {
  Brackets,
  In,
  IsNull,
  type EntityManager,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from "typeorm";
import { Certificate } from "../certificates/certificate.entity";
import { markedWords, typedWords, words } from "../core/text";
import { Commune } from "../geography/commune.entity";
import { formerNames, splitUnitName } from "../geography/commune-names";
import { Category } from "./category.entity";
import { Producer } from "./producer.entity";
import { Product, ProductSearchToken } from "./product.entity";

const MAX_TOKEN_LENGTH = 40;
/** Marks a word of a former commune name: matched whole, never as a prefix. */
const FORMER = "~";
/** Marks a word kept with its marks (markedWord: ASCII, so any collation compares it as typed). */
const MARKED = "^";
/** Marks a typo key: a folded word of five letters or more, whole and with each one of its letters left out. */
const TYPO = "?";
const TYPO_MIN_LETTERS = 5;

/**
 * The typo keys of a folded word (none under five letters): the word and the word less each letter. Two words
 * share a key when one letter was left out, added or replaced ("tuyet" and "tuyrt" share "tuyt").
 */
export const typoKeys = (word: string): string[] =>
  word.length < TYPO_MIN_LETTERS
    ? []
    : [...new Set([word, ...[...word].map((_, i) => word.slice(0, i) + word.slice(i + 1))])].map(
        (k) => `${TYPO}${k}`,
      );

/**
 * Copies a product's current certificate (the newest neither revoked nor superseded) onto the product row;
 * answers the product's commune (whose counts the caller recounts). Only catalogWritten calls it.
 */
export async function refreshCurrentCertificate(manager: EntityManager, productId: number): Promise<string> {
  const current = await manager.findOne(Certificate, {
    where: { productId, revokedOn: IsNull(), supersededById: IsNull() },
    order: { issuedOn: "DESC", id: "DESC" },
  });
  await manager.update(Product, productId, {
    currentCertificateId: current?.id ?? null,
    stars: current?.stars ?? null,
    certifiedOn: current?.decisionDate ?? null,
    certificateExpiresOn: current?.expiresOn ?? null,
  });
  const { communeCode } = await manager.findOneOrFail(Product, {
    select: { communeCode: true },
    where: { id: productId },
  });
  return communeCode;
}

/** Where a search word occurs (a bit each; a word in several places has several): relevance ranks by them. */
export const WORD_SOURCE = { NAME: 1, NAME_EN: 2, PRODUCER: 4, COMMUNE: 8, OTHER_ENGLISH: 16 } as const;

/** The texts a product is found by. `otherEnglish`: its English description and its category's English names. */
export type SearchTexts = {
  name: string;
  nameEn?: string | null;
  producer: string;
  commune: string;
  otherEnglish?: string;
  formerCommuneWords?: string[];
};

/**
 * A product's search words, each with where it occurs (WORD_SOURCE bits): its Vietnamese names folded and,
 * where they carry marks, marked; its English texts folded (less the commonest words); typo keys of both;
 * the former commune names' words, whole only.
 */
export function searchTokens(texts: SearchTexts): Map<string, number> {
  const tokens = new Map<string, number>();
  const add = (token: string, source: number) => {
    const key = token.slice(0, MAX_TOKEN_LENGTH);
    tokens.set(key, (tokens.get(key) ?? 0) | source);
  };
  const folded = (list: string[], source: number) =>
    list.forEach((w) => [w, ...typoKeys(w)].forEach((k) => add(k, source)));
  const vietnamese = (text: string, source: number) => {
    folded(words(text), source);
    markedWords(text).forEach((w) => add(`${MARKED}${w}`, source));
  };
  const english = (text: string, source: number) =>
    folded(
      words(text).filter((w) => !ENGLISH_STOP.has(w)),
      source,
    );
  vietnamese(texts.name, WORD_SOURCE.NAME);
  vietnamese(texts.producer, WORD_SOURCE.PRODUCER);
  vietnamese(texts.commune, WORD_SOURCE.COMMUNE);
  english(texts.nameEn ?? "", WORD_SOURCE.NAME_EN);
  english(texts.otherEnglish ?? "", WORD_SOURCE.OTHER_ENGLISH);
  (texts.formerCommuneWords ?? []).forEach((w) => add(`${FORMER}${w}`, WORD_SOURCE.COMMUNE));
  return tokens;
}

/** English words too common to tell products apart (the categories' English names are full of them). */
const ENGLISH_STOP = new Set([
  "a",
  "an",
  "and",
  "or",
  "of",
  "the",
  "other",
  "from",
  "with",
  "in",
  "for",
  "to",
]);

/**
 * Rewrites the search words of these products: from the Vietnamese names (the product's, its producer's, its
 * commune's current and former ones) folded, and with their marks (MARKED) where they carry any; from the
 * English ones (the product's name and description, its category's and the category's parents' names).
 */
export async function refreshSearchTokens(manager: EntityManager, productIds: number[]): Promise<void> {
  if (productIds.length === 0) return;
  const products = await manager.find(Product, { where: { id: In(productIds) } });
  const producers = await manager.find(Producer, {
    where: { id: In([...new Set(products.map((p) => p.producerId))]) },
  });
  const communes = await manager.find(Commune, {
    where: { code: In([...new Set(products.map((p) => p.communeCode))]) },
  });
  const categories = new Map((await manager.find(Category)).map((c) => [c.code, c]));
  const producerName = new Map(producers.map((p) => [p.id, p.name]));
  const communeName = new Map(communes.map((c) => [c.code, c.name]));
  // Former names too, as whole words only (marked "~"): labels printed before the 2025 merger use them,
  // but a prefix typed for something else ("cà") should not find every product near "Mường Cang".
  const formerWords = new Map(
    communes.map((c) => [
      c.code,
      [...new Set(formerNames(c).flatMap((n) => words(splitUnitName(n).folded)))],
    ]),
  );
  const englishOfCategory = (code: string): string[] => {
    const names: string[] = [];
    for (let c = categories.get(code); c; c = c.parentCode ? categories.get(c.parentCode) : undefined)
      names.push(c.nameEn);
    return names;
  };

  const rows: ProductSearchToken[] = [];
  for (const p of products) {
    const tokens = searchTokens({
      name: p.name,
      nameEn: p.nameEn,
      producer: producerName.get(p.producerId) ?? "",
      commune: communeName.get(p.communeCode) ?? "",
      otherEnglish: [p.descriptionEn ?? "", ...englishOfCategory(p.categoryCode)].join(" "),
      formerCommuneWords: formerWords.get(p.communeCode),
    });
    for (const [token, sources] of tokens)
      rows.push(manager.create(ProductSearchToken, { productId: p.id, token, sources }));
  }
  await manager.delete(ProductSearchToken, { productId: In(productIds) });
  for (let i = 0; i < rows.length; i += 500) await manager.insert(ProductSearchToken, rows.slice(i, i + 500));
}

const SEARCH_MAX_WORDS = 8;

/**
 * What each typed word is looked up as: `exact`, its marked form when the visitor typed marks on it, else
 * folded; `prefix` for the last word; `typos`, its typo keys (five letters or more; `typos[0]` is the folded
 * word whole); `former`, a former commune name's word.
 */
function lookups(text: string) {
  const folded = words(text).slice(0, SEARCH_MAX_WORDS);
  const markedOf = new Map(typedWords(text).map((w) => [w.folded, w.marked]));
  return folded.map((word, i) => {
    const marked = markedOf.get(word);
    const exact = marked && marked !== word ? `${MARKED}${marked}` : word;
    return {
      exact,
      prefix: i === folded.length - 1 ? `${exact}%` : null, // tokens are [a-z0-9^~?]: no pattern characters
      typos: typoKeys(word),
      former: `${FORMER}${word}`,
    };
  });
}

/** SQL matching a search word of table alias `t` to a typed word (its parameters named after `key`, see lookupParameters). */
function tokenMatches(w: ReturnType<typeof lookups>[number], key: string): string {
  return [
    `t.token = :${key}`,
    `t.token = :${key}former`,
    ...(w.prefix ? [`t.token LIKE :${key}prefix`] : []),
    ...(w.typos.length ? [`t.token IN (:...${key}typos)`] : []),
  ].join(" OR ");
}

function lookupParameters(w: ReturnType<typeof lookups>[number], key: string): Record<string, unknown> {
  return {
    [key]: w.exact,
    [`${key}former`]: w.former,
    [`${key}prefix`]: w.prefix,
    [`${key}typos`]: w.typos,
    [`${key}whole`]: w.typos[0] ?? null,
  };
}

/**
 * The condition "`productId` is a product whose search words match the text": every word exactly, the last
 * one as a prefix (a former commune name's words only whole), each an index look-up. A word typed with marks
 * matches only words with those marks ("trà" finds "trà", not "trâu"); a word typed without them matches
 * whatever marks the name has ("tra" finds both). A word of five letters or more also matches with one typo
 * (typoKeys; wrong marks count as one: "tuyêt" finds "tuyết"). Null when the text has no words. Parameters are named
 * after `name` so that a query may hold several.
 */
export function productSearchCondition(
  qb: SelectQueryBuilder<ObjectLiteral>,
  productId: string,
  text: string,
  name = "word",
): Brackets | null {
  const typed = lookups(text);
  if (!typed.length) return null;
  return new Brackets((all) =>
    typed.forEach((w, i) => {
      const sub = qb
        .subQuery()
        .select("t.productId")
        .from(ProductSearchToken, "t")
        .where(tokenMatches(w, `${name}${i}`))
        .getQuery();
      all.andWhere(`${productId} IN ${sub}`, lookupParameters(w, `${name}${i}`));
    }),
  );
}

/**
 * Joins to the query, per typed word, the products whose search words match it with the best score of each
 * (so a product must match every word, as in productSearchCondition), and answers the SQL of the sum of the
 * scores: how well the product matches the text. A match with a typo ranks below every other. Then where
 * the word matched: the product's name in the preferred language (English when `preferEnglish`, else
 * Vietnamese), its name in the other, the producer's or commune's name, the English description or category
 * names; within one place, a whole word (with the marks typed) above a prefix, a prefix above the word folded
 * (marks typed but not those). "0" (and nothing joined) without words. One grouped index range per word:
 * cheaper than scoring each matching product in a correlated subquery.
 */
export function joinSearchRelevance(
  qb: SelectQueryBuilder<ObjectLiteral>,
  productId: string,
  text: string,
  preferEnglish: boolean,
): string {
  const typed = lookups(text);
  const [preferred, other] = preferEnglish
    ? [WORD_SOURCE.NAME_EN, WORD_SOURCE.NAME]
    : [WORD_SOURCE.NAME, WORD_SOURCE.NAME_EN];
  const place =
    `CASE WHEN (t.sources & ${preferred}) <> 0 THEN 4 WHEN (t.sources & ${other}) <> 0 THEN 3 ` +
    `WHEN (t.sources & ${WORD_SOURCE.PRODUCER | WORD_SOURCE.COMMUNE}) <> 0 THEN 2 ELSE 1 END`;
  typed.forEach((w, i) => {
    const key = `rank${i}`;
    // A typo ranks below any other match, wherever it is; 100 keeps the other matches above (place ≤ 20).
    const match =
      `CASE WHEN t.token = :${key} OR t.token = :${key}former THEN 104 ` +
      (w.prefix ? `WHEN t.token LIKE :${key}prefix THEN 103 ` : "") +
      (w.typos.length ? `WHEN t.token = :${key}whole THEN 102 ` : "") +
      "ELSE 1 END";
    qb.innerJoin(
      (sub) =>
        sub
          .select("t.productId", "productId")
          .addSelect(`MAX((${place}) * 5 + ${match})`, "score")
          .from(ProductSearchToken, "t")
          .where(tokenMatches(w, key))
          .groupBy("t.productId"),
      `w${i}`,
      `w${i}.productId = ${productId}`,
    ).setParameters(lookupParameters(w, key));
  });
  return typed.length ? typed.map((_, i) => `w${i}.score`).join(" + ") : "0";
}
