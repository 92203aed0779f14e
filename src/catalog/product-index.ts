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
export const MARKED = "^";
/** Marks a typo key: a folded word of five letters or more, whole and with each one of its letters left out. */
export const TYPO = "?";
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

/**
 * A product's search words: its Vietnamese text folded and, where it carries marks, marked; its English text
 * folded (less the commonest words); typo keys of both; the former commune names' words, whole only.
 */
export function searchTokens(vietnamese: string, english: string, formerWords: string[]): string[] {
  const folded = [...words(vietnamese), ...words(english).filter((w) => !ENGLISH_STOP.has(w))];
  const tokens = [
    ...folded,
    ...markedWords(vietnamese).map((w) => `${MARKED}${w}`),
    ...folded.flatMap(typoKeys),
    ...formerWords.map((w) => `${FORMER}${w}`),
  ];
  return [...new Set(tokens.map((w) => w.slice(0, MAX_TOKEN_LENGTH)))];
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
    const vietnamese = [
      p.name,
      producerName.get(p.producerId) ?? "",
      communeName.get(p.communeCode) ?? "",
    ].join(" ");
    const english = [p.nameEn ?? "", p.descriptionEn ?? "", ...englishOfCategory(p.categoryCode)].join(" ");
    for (const token of searchTokens(vietnamese, english, formerWords.get(p.communeCode) ?? []))
      rows.push(manager.create(ProductSearchToken, { productId: p.id, token }));
  }
  await manager.delete(ProductSearchToken, { productId: In(productIds) });
  for (let i = 0; i < rows.length; i += 500) await manager.insert(ProductSearchToken, rows.slice(i, i + 500));
}

const SEARCH_MAX_WORDS = 8;

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
  const folded = words(text).slice(0, SEARCH_MAX_WORDS);
  if (!folded.length) return null;
  // Each folded word, and its marked form when the visitor typed marks on it.
  const markedOf = new Map(typedWords(text).map((w) => [w.folded, w.marked]));
  return new Brackets((all) =>
    folded.forEach((word, i) => {
      const last = i === folded.length - 1;
      const marked = markedOf.get(word);
      const token = marked && marked !== word ? `${MARKED}${marked}` : word;
      // One typo in a word of five letters or more: a letter left out, added or replaced, or wrong marks.
      const typos = typoKeys(word);
      const sub = qb
        .subQuery()
        .select("t.productId")
        .from(ProductSearchToken, "t")
        .where(last ? `t.token LIKE :${name}${i}` : `t.token = :${name}${i}`)
        .orWhere(`t.token = :${name}${i}former`)
        .orWhere(typos.length ? `t.token IN (:...${name}${i}typos)` : "1 = 0")
        .getQuery();
      all.andWhere(`${productId} IN ${sub}`, {
        [`${name}${i}typos`]: typos,
        [`${name}${i}`]: last ? `${token}%` : token, // tokens are [a-z0-9^~]: no pattern characters
        [`${name}${i}former`]: `${FORMER}${word}`,
      });
    }),
  );
}
