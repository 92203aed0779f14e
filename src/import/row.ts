import { IssuingLevel } from "../certificates/certificate.entity";
import type { ProducerKind } from "../catalog/producer.entity";
import { type LocalDate } from "../core/time";
import { fold } from "../core/text";
import type { Commune } from "../geography/commune.entity";
import { issuingLevelAllows, type RuleSet, ruleSetIn } from "../rules/rule-set.entity";
import { enumRef, type Params } from "../i18n/messages";
import {
  COLUMNS,
  type Column,
  EMAIL,
  error,
  isExampleName,
  parseDate,
  parseIssuingLevel,
  parseKind,
  parseStars,
  type Problem,
  warning,
} from "./columns";
import type { Cell } from "./spreadsheet";
import { isBlankText, isDeceptiveText, PHONE } from "../core/validation";

import type { ExistingState, ImportScope } from "./records";

/** What reading a row needs: what exists, who imports, the day, and where its problems go. */
export type RowContext = {
  state: ExistingState;
  scope: ImportScope;
  today: LocalDate;
  problems: Problem[];
};

/** A row's values, each read, checked and resolved against the reference data. */
export type ReadRow = {
  productName: string;
  producerName: string;
  kind: ProducerKind;
  registrationNumber: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  stars: number;
  decisionNumber: string;
  decisionDate: LocalDate;
  certificateNumber: string | null;
  issuedBy: IssuingLevel;
  rules: RuleSet;
  givenExpiry: LocalDate | null;
  commune: Commune;
  categoryCode: string;
};

/**
 * Reads one data row: each cell checked (text, dates, stars, level, contacts), the commune and product set
 * resolved, the issuing level checked against the rules. Null when the row has an error (its problems are
 * in ctx.problems); then nothing of it is planned.
 */
export function readRow(
  ctx: RowContext,
  line: number,
  cell: (c: Column) => Cell | undefined,
): ReadRow | null {
  const problemsBefore = ctx.problems.length;
  const at = (c: Column) => COLUMNS[c].header;
  const fail = (c: Column, k: Parameters<typeof error>[2], params = {}) =>
    ctx.problems.push(error(line, at(c), k, params));
  const text = (c: Column): string => {
    const value = cell(c);
    const t =
      value === undefined ? "" : value instanceof Date ? value.toISOString().slice(0, 10) : value.trim();
    if (t === "" && COLUMNS[c].required) fail(c, "import.required", { column: at(c) });
    else if (t.length > COLUMNS[c].max) fail(c, "import.tooLong", { column: at(c), max: COLUMNS[c].max });
    else if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(t) || isDeceptiveText(t))
      fail(c, "import.badText", { column: at(c) });
    else if (isBlankText(t)) {
      if (COLUMNS[c].required) fail(c, "import.required", { column: at(c) });
    } else return t.replace(/\s+/g, " ");
    return "";
  };
  const date = (c: Column): LocalDate | null => {
    const value = cell(c);
    if (value === undefined || (typeof value === "string" && value.trim() === "")) {
      if (COLUMNS[c].required) fail(c, "import.required", { column: at(c) });
      return null;
    }
    const parsed = parseDate(value);
    if (!parsed || parsed < "2000-01-01" || parsed > "2199-12-31") {
      fail(c, "import.badDate", {
        value: String(value instanceof Date ? value.toISOString() : value).trim(),
      });
      return null;
    }
    return parsed;
  };

  const productName = text("productName");
  if (isExampleName(productName)) fail("productName", "import.exampleRow");
  const producerName = text("producerName");
  const kindText = text("producerKind");
  const kind = kindText ? parseKind(kindText) : null;
  if (kindText && !kind) fail("producerKind", "import.badKind", { value: kindText });
  const registrationNumber = text("registrationNumber") || null;
  const address = text("address") || null;
  const phone = text("phone") || null;
  if (phone && !PHONE.test(phone)) fail("phone", "import.badPhone", { value: phone });
  const email = text("email").toLowerCase() || null;
  if (email && !EMAIL.test(email)) fail("email", "import.badEmail", { value: email });
  const starsText = text("stars");
  const stars = starsText ? parseStars(starsText) : null;
  if (starsText && !stars) fail("stars", "import.badStars", { value: starsText });
  const decisionNumber = text("decisionNumber");
  const decisionDate = date("decisionDate");
  const goLive = ctx.scope.decisionsBefore;
  if (decisionDate && decisionDate > ctx.today)
    fail("decisionDate", "import.futureDate", { value: decisionDate });
  else if (decisionDate && goLive && decisionDate >= goLive)
    fail("decisionDate", "import.afterGoLive", { value: decisionDate, goLive });
  const certificateNumber = text("certificateNumber") || null;
  const levelText = text("issuedBy");
  let issuedBy = parseIssuingLevel(levelText);
  if (issuedBy === undefined) fail("issuedBy", "import.badLevel", { value: levelText });
  const rules = decisionDate ? ruleSetIn(ctx.state.ruleSets, decisionDate) : null;
  if (issuedBy === null && stars && decisionDate && rules) {
    issuedBy = inferredLevel(rules, stars, decisionDate);
    ctx.problems.push(
      warning(line, at("issuedBy"), "import.levelInferred", {
        level: enumRef("IssuingLevel", issuedBy),
        why: `${stars}★, ${decisionDate}`,
      }),
    );
  }
  if (issuedBy && stars && decisionDate && rules) {
    const allowed = issuingLevelAllows(rules, issuedBy, stars, decisionDate);
    const rule = rules.issuingLevels?.find((r) => r.level === issuedBy);
    const source = rule?.source ?? rules.version;
    if (allowed === "stars")
      fail("stars", "import.levelStars", { level: enumRef("IssuingLevel", issuedBy), stars, source });
    else if (allowed === "ended")
      fail("issuedBy", "import.levelEnded", {
        level: enumRef("IssuingLevel", issuedBy),
        date: decisionDate,
        source,
      });
  }
  const givenExpiry = date("expiresOn");
  if (givenExpiry && decisionDate && givenExpiry <= decisionDate)
    fail("expiresOn", "import.expiryBeforeDecision", { value: givenExpiry });
  const commune = resolveCommune(ctx, line, text("commune"), decisionDate, (k, params) =>
    fail("commune", k, params),
  );
  const categoryCode = resolveProductSet(ctx, text("productSet"), (k, params) =>
    fail("productSet", k, params),
  );

  if (commune && ctx.scope.communeCode && commune.code !== ctx.scope.communeCode)
    fail("commune", "import.otherCommune", { commune: commune.name });
  if (ctx.problems.slice(problemsBefore).some((p) => p.severity === "ERROR")) return null;
  return {
    productName,
    producerName,
    kind: kind!,
    registrationNumber,
    address,
    phone,
    email,
    stars: stars!,
    decisionNumber,
    decisionDate: decisionDate!,
    certificateNumber,
    issuedBy: issuedBy!,
    rules: rules!,
    givenExpiry,
    commune: commune!,
    categoryCode: categoryCode!,
  };
}

/** A commune by its code or name, today's or (for a paper dated before the merger) a former unit's. */
export function resolveCommune(
  ctx: RowContext,
  line: number,
  text: string,
  decidedOn: LocalDate | null,
  fail: (
    k: "import.unknownCommune" | "import.ambiguousCommune" | "import.communeNeedsDate",
    p: Params,
  ) => void,
) {
  if (!text) return null;
  const match = ctx.state.communes.resolve(text, decidedOn);
  if ("commune" in match) {
    if (match.formerUnit)
      ctx.problems.push(
        warning(line, COLUMNS.commune.header, "import.formerUnit", {
          value: text,
          commune: match.commune.name,
          date: decidedOn ?? "",
        }),
      );
    return match.commune;
  }
  if ("needsDate" in match)
    fail("import.communeNeedsDate", {
      value: text,
      current: match.needsDate.current.name,
      former: match.needsDate.former.map((c) => c.name).join(", "),
    });
  else if ("ambiguous" in match)
    fail("import.ambiguousCommune", {
      value: text,
      candidates: match.ambiguous.map((c) => `${c.name} (${c.code})`).join(", "),
    });
  else fail("import.unknownCommune", { value: text });
  return null;
}

/** A product set by its code ("I.2.b") or its name, accents and case ignored. */
export function resolveProductSet(
  ctx: RowContext,
  text: string,
  fail: (k: "import.unknownProductSet" | "import.ambiguousProductSet", p: object) => void,
): string | null {
  if (!text) return null;
  const sets = ctx.state.productSets;
  const byCode = sets.find((c) => c.code === text.replace(/\s+/g, ""));
  if (byCode) return byCode.code;
  const byName = sets.filter((c) => fold(c.name) === fold(text));
  if (byName.length === 1) return byName[0].code;
  if (byName.length > 1)
    fail("import.ambiguousProductSet", { value: text, candidates: byName.map((c) => c.code).join(", ") });
  else fail("import.unknownProductSet", { value: text });
  return null;
}

/**
 * The level a blank "Cấp công nhận" means, from the rules' issuingLevels: the most local level that could
 * have recognised these stars that day (3★ before 1 July 2025 a district, 4★ the province, 5★ the Ministry);
 * reported as a warning on the line.
 */
function inferredLevel(rules: RuleSet, stars: number, decisionDate: LocalDate): IssuingLevel {
  const mostLocalFirst = [IssuingLevel.DISTRICT, IssuingLevel.PROVINCE, IssuingLevel.CENTRAL];
  return (
    mostLocalFirst.find((level) => issuingLevelAllows(rules, level, stars, decisionDate) === "ok") ??
    IssuingLevel.PROVINCE
  );
}
