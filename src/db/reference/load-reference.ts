import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { In, type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from "typeorm";
import { Category, CategoryLevel } from "../../catalog/category.entity";
import { Product, ProductSearchToken } from "../../catalog/product.entity";
import { catalogWritten } from "../../catalog/catalog-written";
import { referenceFile } from "../../core/paths";
import { isLocalDate } from "../../core/time";
import { DocumentKind, DossierKind } from "../../dossiers/dossier.entity";
import { type IssuingLevelRule, RuleSet, type StarBand } from "../../rules/rule-set.entity";
import { Commune, COMMUNE_KINDS_BY_LABEL, Province } from "../../geography/commune.entity";
import { DataFileError, readCsv } from "../../core/csv";

/** The administrative-unit files shipped with the project, one per province. */
export const UNIT_FILES = [{ file: "lai-chau-units.csv", province: { code: "12", name: "Lai Châu" } }];
export const CATEGORY_FILE = "categories.csv";
/** One JSON file per version of the rules (a decision, or a decision as amended). */
export const RULE_SET_DIR = "rule-sets";

export type LoadCounts = { inserted: number; updated: number; unchanged: number };

/**
 * Loads the provinces, their commune-level units and the category tree. Idempotent: a second run
 * changes nothing, a changed name is updated in place. A file with any bad line is reported in full
 * (file, line, reason) and nothing of it is written.
 */
export async function loadReferenceData(
  dataSource: DataSource,
  { ruleSetDirs = [referenceFile(RULE_SET_DIR)] }: { ruleSetDirs?: string[] } = {},
): Promise<Record<string, LoadCounts>> {
  const categories = parseCategories(referenceFile(CATEGORY_FILE));
  const unitFiles = UNIT_FILES.map((f) => ({ ...f, communes: parseUnits(referenceFile(f.file), f.province.code) }));
  const ruleSets = ruleSetDirs.flatMap((dir) => parseRuleSets(dir));
  return dataSource.transaction(async (manager) => {
    const counts: Record<string, LoadCounts> = {};
    counts[CATEGORY_FILE] = await sync(manager, Category, "code", categories);
    counts[RULE_SET_DIR] = await sync(manager, RuleSet, "version", ruleSets);
    for (const f of unitFiles) {
      await sync(manager, Province, "code", [f.province]);
      const before = await manager.find(Commune, { where: { code: In(f.communes.map((c) => c.code)) } });
      counts[f.file] = await sync(manager, Commune, "code", f.communes);
      // Search covers commune names: re-index the products of a renamed commune.
      const renamed = f.communes.filter((c) => before.some((b) => b.code === c.code && b.name !== c.name));
      if (renamed.length) {
        const products = await manager.find(Product, {
          select: { id: true },
          where: { communeCode: In(renamed.map((c) => c.code)) },
        });
        await catalogWritten(manager, { words: products.map((p) => p.id) });
      }
    }
    // Search words written before they kept marks, English names, typo keys and where they occur: rebuilt once.
    // Such rows all have sources 0 and new ones never do, so one row tells (no scan of the table at start).
    const sample = await manager.findOne(ProductSearchToken, { where: {}, select: { sources: true } });
    if (sample?.sources === 0) {
      const products = await manager.find(Product, { select: { id: true } });
      await catalogWritten(manager, { words: products.map((p) => p.id) });
    }
    return counts;
  });
}

export function parseUnits(path: string, provinceCode: string): Commune[] {
  const file = basename(path);
  const rows = readCsv(path, ["code", "name", "kind", "former_district", "merged_from"]);
  const problems: string[] = [];
  const seen = new Set<string>();
  const communes: Commune[] = [];
  for (const { line, values: v } of rows) {
    const bad = (reason: string) => problems.push(`${file}:${line}: ${reason}`);
    const kind = COMMUNE_KINDS_BY_LABEL[v.kind.toLowerCase()];
    if (!/^\d{5}$/.test(v.code)) bad(`code "${v.code}" is not five digits`);
    else if (seen.has(v.code)) bad(`code ${v.code} appears twice`);
    if (!v.name) bad("name is empty");
    if (!kind) bad(`kind "${v.kind}" is not one of ${Object.keys(COMMUNE_KINDS_BY_LABEL).join(", ")}`);
    seen.add(v.code);
    communes.push(
      Object.assign(new Commune(), {
        code: v.code,
        name: v.name,
        kind,
        provinceCode,
        formerDistrict: v.former_district || null,
        mergedFrom: v.merged_from.split(";").map((s) => s.trim()).filter(Boolean),
        position: communes.length + 1,
      }),
    );
  }
  if (problems.length) throw new DataFileError(problems);
  return communes;
}

const LEVELS: Record<string, CategoryLevel> = {
  sector: CategoryLevel.SECTOR,
  group: CategoryLevel.GROUP,
  set: CategoryLevel.SET,
};

export function parseCategories(path: string): Category[] {
  const file = basename(path);
  const rows = readCsv(path, ["code", "level", "parent_code", "name_vi", "name_en", "criteria_set"]);
  const problems: string[] = [];
  const byCode = new Map<string, Category>();
  for (const { line, values: v } of rows) {
    const bad = (reason: string) => problems.push(`${file}:${line}: ${reason}`);
    const level = LEVELS[v.level];
    const parent = v.parent_code ? byCode.get(v.parent_code) : undefined;
    if (!/^[IVX]+(\.\d+(\.[a-z])?)?$/.test(v.code)) bad(`code "${v.code}" is not like I, I.2 or I.2.a`);
    if (byCode.has(v.code)) bad(`code ${v.code} appears twice`);
    if (!level) bad(`level "${v.level}" is not sector, group or set`);
    if (level === CategoryLevel.SECTOR && v.parent_code) bad("a sector has no parent");
    if (level !== CategoryLevel.SECTOR && !parent) bad(`parent "${v.parent_code}" is not defined above this line`);
    if (parent && parent.level === CategoryLevel.SET) bad(`parent ${parent.code} is a product set`);
    if (parent && !v.code.startsWith(`${parent.code}.`)) bad(`code ${v.code} does not extend its parent's ${parent.code}`);
    if (!v.name_vi || !v.name_en) bad("Vietnamese and English names are required");
    let criteriaSet: number | null = null;
    if (level === CategoryLevel.SET) {
      criteriaSet = Number(v.criteria_set);
      if (!Number.isInteger(criteriaSet) || criteriaSet < 1 || criteriaSet > 26) {
        bad(`criteria_set "${v.criteria_set}" is not a number from 1 to 26`);
      }
    } else if (v.criteria_set) {
      bad("only a product set has a criteria_set");
    }
    byCode.set(
      v.code,
      Object.assign(new Category(), {
        code: v.code,
        level,
        parentCode: v.parent_code || null,
        name: v.name_vi,
        nameEn: v.name_en,
        criteriaSet,
        position: byCode.size + 1,
      }),
    );
  }
  if (problems.length) throw new DataFileError(problems);
  return [...byCode.values()];
}

/** The versioned rule sets, one file each; every file is checked whole and every problem reported. */
export function parseRuleSets(dir: string): RuleSet[] {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  if (files.length === 0) throw new DataFileError([`${basename(dir)}: no rule-set file (*.json)`]);
  const problems: string[] = [];
  const sets = files.map((file) => parseRuleSet(join(dir, file), problems));
  if (problems.length) throw new DataFileError(problems);
  return sets;
}

const DOCUMENT_KINDS = Object.values(DocumentKind) as string[];
const LOCAL_KEYS = ["localOrigin", "localLabour", "ideaOrigin", "localIdentity"];

function parseRuleSet(path: string, problems: string[]): RuleSet {
  const file = basename(path);
  const bad = (reason: string) => problems.push(`${file}: ${reason}`);
  let r: Record<string, unknown>;
  try {
    r = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  } catch (e) {
    bad((e as Error).message);
    return new RuleSet();
  }
  const positive = (k: string) => {
    if (!Number.isInteger(r[k]) || (r[k] as number) < 1) bad(`${k} must be a positive whole number`);
  };
  if (typeof r.version !== "string" || !r.version.trim()) bad("version is required");
  if (typeof r.effectiveFrom !== "string" || !isLocalDate(r.effectiveFrom)) bad("effectiveFrom must be a date like 2025-07-06");
  ["certificateValidityMonths", "expiryNoticeDays", "minCouncilSize", "centralProposalMinPoints"].forEach(positive);
  if (r.maxScoreSpread !== null && r.maxScoreSpread !== undefined) positive("maxScoreSpread");
  const bands = r.starBands as StarBand[];
  if (!Array.isArray(bands) || ![1, 2, 3, 4, 5].every((s) => bands.some((b) => b.stars === s))) bad("starBands must give stars 1 to 5");
  else if (bands.some((b) => typeof b.minPoints !== "number" || b.minPoints < 0 || b.minPoints > 100)) bad("each band's minPoints must be 0 to 100");
  if (r.consolidation !== undefined)
    bad("consolidation is no longer a rule: a disputed mandatory mark is decided by the council's recorded finding");
  if (r.criteriaSheets !== undefined && (typeof r.criteriaSheets !== "string" || !existsSync(referenceFile(r.criteriaSheets))))
    bad(`criteriaSheets ${JSON.stringify(r.criteriaSheets)} is not a folder under reference/`);
  const documents = r.documents as Record<string, unknown> | undefined;
  for (const kind of Object.values(DossierKind)) {
    const list = documents?.[kind];
    if (!Array.isArray(list) || list.some((d) => !DOCUMENT_KINDS.includes(d as string)))
      bad(`documents.${kind} must list document kinds (${DOCUMENT_KINDS.join(", ")})`);
  }
  const forwarding = r.forwardingDocuments as { kinds?: unknown; source?: unknown } | undefined;
  if (
    forwarding !== undefined &&
    (!Array.isArray(forwarding.kinds) ||
      forwarding.kinds.some((d) => !DOCUMENT_KINDS.includes(d as string)) ||
      typeof forwarding.source !== "string" ||
      !forwarding.source.trim())
  )
    bad("forwardingDocuments must list document kinds and give a source");
  const local = (r.localCriteria ?? []) as { key: string; criterionTitles: unknown }[];
  if (!Array.isArray(local) || local.some((l) => !LOCAL_KEYS.includes(l.key) || !Array.isArray(l.criterionTitles)))
    bad(`localCriteria must give, for ${LOCAL_KEYS.join(", ")}, the criterionTitles they grade`);
  const grounds = r.revocationGrounds as { code: string; text: string; source: string }[];
  if (!Array.isArray(grounds) || grounds.length === 0 || grounds.some((g) => !/^[A-Z_]+$/.test(g.code ?? "") || !g.text || !g.source?.trim()))
    bad("revocationGrounds must list grounds with a code (A_Z), a text and a source");
  else if (new Set(grounds.map((g) => g.code)).size !== grounds.length) bad("revocationGrounds codes must be unique");
  const samples = r.productSamples as { count?: unknown; exceptCriteriaSets?: unknown; source?: unknown } | undefined;
  if (
    !samples ||
    typeof samples.source !== "string" ||
    !samples.source.trim() ||
    !Number.isInteger(samples.count) ||
    (samples.count as number) < 0 ||
    !Array.isArray(samples.exceptCriteriaSets) ||
    samples.exceptCriteriaSets.some((n) => !Number.isInteger(n))
  )
    bad("productSamples must give a count (0 or more), exceptCriteriaSets (sheet numbers) and a source");
  const authority = r.revocationAuthority as Record<string, string> | undefined;
  if (!["PROVINCE", "DISTRICT", "CENTRAL"].every((level) => ["PROVINCE", "MINISTRY"].includes(authority?.[level] ?? "")))
    bad("revocationAuthority must say, for PROVINCE, DISTRICT and CENTRAL certificates, PROVINCE or MINISTRY");
  const levels = r.issuingLevels as IssuingLevelRule[] | undefined;
  if (
    !Array.isArray(levels) ||
    levels.some(
      (l) =>
        !["PROVINCE", "DISTRICT", "CENTRAL"].includes(l.level) ||
        !Array.isArray(l.stars) ||
        l.stars.some((s) => ![3, 4, 5].includes(s)) ||
        (l.before !== undefined && !isLocalDate(l.before)) ||
        typeof l.source !== "string" ||
        !l.source.trim(),
    )
  )
    bad("issuingLevels must list { level, stars (3-5), before (a date, optional), source }");
  return Object.assign(new RuleSet(), {
    maxScoreSpread: null,
    criteriaSheets: null,
    forwardingDocuments: null,
    localCriteria: [],
    ...r,
  });
}

/** Inserts new rows and updates changed ones, keyed by `key`; reports what it did. */
async function sync<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  key: keyof T & string,
  rows: T[],
): Promise<LoadCounts> {
  const existing = await manager.find(target, { where: { [key]: In(rows.map((r) => r[key])) } as never });
  const byKey = new Map(existing.map((e) => [e[key], e]));
  const counts: LoadCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const row of rows) {
    const old = byKey.get(row[key]);
    if (!old) {
      await manager.insert(target, row);
      counts.inserted++;
    } else if (Object.keys(row).some((k) => JSON.stringify(old[k]) !== JSON.stringify(row[k]))) {
      await manager.update(target, { [key]: row[key] }, row);
      counts.updated++;
    } else {
      counts.unchanged++;
    }
  }
  return counts;
}
