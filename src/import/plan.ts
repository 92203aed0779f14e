import { IssuingLevel } from "../certificates/certificate.entity";
import type { ProducerKind } from "../catalog/producer.entity";
import { addMonths, type LocalDate } from "../core/time";
import { fold } from "../core/text";
import type { CommuneNames } from "../geography/commune-names";
import type { Commune } from "../geography/commune.entity";
import type { Category } from "../catalog/category.entity";
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

/**
 * A record the file refers to: an existing row (id set) or one the import would create. `changes` holds
 * each field's value before the import and after it; `setBy` the line that gave each field its value, so
 * that two lines disagreeing about one record are reported instead of the later one silently winning.
 */
export type Tracked<F> = {
  uid: number;
  id: number | null;
  fields: F;
  isNew: boolean;
  line: number;
  changes: Map<string, [unknown, unknown]>;
  setBy: Map<string, { value: unknown; line: number }>;
};

export type ProducerFields = {
  name: string;
  kind: ProducerKind;
  registrationNumber: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  communeCode: string;
};
export type ProductFields = {
  name: string;
  slug: string | null;
  categoryCode: string;
  communeCode: string;
  producer: Tracked<ProducerFields>;
};
export type CertificateFields = {
  number: string | null;
  stars: number;
  decisionNumber: string;
  decisionDate: LocalDate;
  expiresOn: LocalDate;
  issuedBy: IssuingLevel;
  revokedOn: LocalDate | null;
  product: Tracked<ProductFields>;
};

/** What exists before the import, as the planner needs it. */
export type ExistingState = {
  producers: ({ id: number } & ProducerFields)[];
  products: {
    id: number;
    name: string;
    slug: string;
    categoryCode: string;
    communeCode: string;
    producerId: number;
  }[];
  certificates: ({ id: number; productId: number; fromWorkflow: boolean } & Omit<
    CertificateFields,
    "product"
  >)[];
  communes: CommuneNames;
  communeByCode: Map<string, Commune>;
  productSets: Category[];
  ruleSets: RuleSet[];
};

/**
 * Who imports: the province (every commune) or a commune officer (rows of that commune only); and the
 * day from which the province records recognitions in the system (IMPORT_DECISIONS_BEFORE): an import is
 * the history before it.
 */
export type ImportScope = { communeCode: string | null; decisionsBefore?: LocalDate | null };

/** The fields a row may change, with the column each comes from. */
const PRODUCER_COLUMNS: Partial<Record<keyof ProducerFields, Column>> = {
  name: "producerName",
  kind: "producerKind",
  registrationNumber: "registrationNumber",
  address: "address",
  phone: "phone",
  email: "email",
};
const PRODUCT_COLUMNS: Partial<Record<keyof ProductFields, Column>> = {
  categoryCode: "productSet",
  communeCode: "commune",
};
const CERTIFICATE_COLUMNS: Partial<Record<keyof CertificateFields, Column>> = {
  number: "certificateNumber",
  stars: "stars",
  decisionNumber: "decisionNumber",
  decisionDate: "decisionDate",
  issuedBy: "issuedBy",
  expiresOn: "expiresOn",
};

const shown = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));
const key = (...parts: (string | number)[]) => parts.join("|");
const upper = (s: string) => s.trim().toUpperCase();

/**
 * Reads the rows against what exists and decides, for each producer, product and certificate the file
 * names, whether it is new, changed or unchanged; it writes nothing. The same plan answers a dry run and
 * is what a real run applies, so both report the same.
 */
export class ImportPlan {
  readonly problems: Problem[] = [];
  readonly producers: Tracked<ProducerFields>[] = [];
  readonly products: Tracked<ProductFields>[] = [];
  readonly certificates: Tracked<CertificateFields>[] = [];
  private readonly touched = new Set<Tracked<unknown>>();
  private nextUid = 1;

  private readonly producerByRegistration = new Map<string, Tracked<ProducerFields>>();
  private readonly producerByName = new Map<string, Tracked<ProducerFields>>();
  private readonly productByName = new Map<string, Tracked<ProductFields>>();
  private readonly certificateByNumber = new Map<string, Tracked<CertificateFields>>();
  private readonly certificateByDecision = new Map<string, Tracked<CertificateFields>>();
  /** Certificates the workflow issued: an import never changes or supersedes them. */
  private readonly fromWorkflow = new Set<Tracked<CertificateFields>>();
  /** Each existing product's certificates before the import. */
  private readonly history = new Map<Tracked<ProductFields>, Tracked<CertificateFields>[]>();

  constructor(
    private readonly state: ExistingState,
    private readonly scope: ImportScope,
    private readonly today: LocalDate,
  ) {
    const producerById = new Map<number, Tracked<ProducerFields>>();
    for (const { id, ...fields } of state.producers) {
      const t = this.track(this.producers, id, fields, false, 0);
      producerById.set(id, t);
      this.indexProducer(t);
    }
    const productById = new Map<number, Tracked<ProductFields>>();
    for (const p of state.products) {
      const producer = producerById.get(p.producerId);
      if (!producer) continue;
      const t = this.track(this.products, p.id, { ...p, producer }, false, 0);
      productById.set(p.id, t);
      this.productByName.set(key(fold(p.name), producer.uid), t);
    }
    for (const { id, productId, fromWorkflow, ...fields } of state.certificates) {
      const product = productById.get(productId);
      if (!product) continue;
      const t = this.track(this.certificates, id, { ...fields, product }, false, 0);
      this.indexCertificate(t);
      if (fromWorkflow) this.fromWorkflow.add(t);
      const before = this.history.get(product);
      if (before) before.push(t);
      else this.history.set(product, [t]);
    }
  }

  /** Plans one data row; a row with any error is left out entirely. */
  addRow(line: number, cell: (c: Column) => Cell | undefined): void {
    const problemsBefore = this.problems.length;
    const at = (c: Column) => COLUMNS[c].header;
    const fail = (c: Column, k: Parameters<typeof error>[2], params = {}) =>
      this.problems.push(error(line, at(c), k, params));
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
    const goLive = this.scope.decisionsBefore;
    if (decisionDate && decisionDate > this.today)
      fail("decisionDate", "import.futureDate", { value: decisionDate });
    else if (decisionDate && goLive && decisionDate >= goLive)
      fail("decisionDate", "import.afterGoLive", { value: decisionDate, goLive });
    const certificateNumber = text("certificateNumber") || null;
    const levelText = text("issuedBy");
    let issuedBy = parseIssuingLevel(levelText);
    if (issuedBy === undefined) fail("issuedBy", "import.badLevel", { value: levelText });
    const rules = decisionDate ? ruleSetIn(this.state.ruleSets, decisionDate) : null;
    if (issuedBy === null && stars && decisionDate && rules) {
      issuedBy = inferredLevel(rules, stars, decisionDate);
      this.problems.push(
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
    const commune = this.resolveCommune(line, text("commune"), decisionDate, (k, params) =>
      fail("commune", k, params),
    );
    const categoryCode = this.resolveProductSet(text("productSet"), (k, params) =>
      fail("productSet", k, params),
    );

    if (commune && this.scope.communeCode && commune.code !== this.scope.communeCode)
      fail("commune", "import.otherCommune", { commune: commune.name });
    if (this.problems.slice(problemsBefore).some((p) => p.severity === "ERROR")) return;
    // Every field is valid from here on.

    const producer = this.matchProducer(line, {
      name: producerName,
      kind: kind!,
      registrationNumber,
      address,
      phone,
      email,
      communeCode: commune!.code,
    });
    if (!producer) return;
    const product = this.matchProduct(line, {
      name: productName,
      slug: null,
      categoryCode: categoryCode!,
      communeCode: commune!.code,
      producer,
    });
    const expected = addMonths(decisionDate!, rules!.certificateValidityMonths);
    if (givenExpiry && givenExpiry !== expected)
      this.problems.push(
        warning(line, at("expiresOn"), "import.expiryDiffers", {
          given: givenExpiry,
          expected,
          months: rules!.certificateValidityMonths,
        }),
      );
    this.matchCertificate(line, {
      number: certificateNumber,
      stars: stars!,
      decisionNumber,
      decisionDate: decisionDate!,
      expiresOn: givenExpiry ?? expected,
      issuedBy: issuedBy!,
      revokedOn: null,
      product,
    });
  }

  /** How many records of each kind are new, changed and unchanged among those the file names. */
  counts(kind: "producers" | "products" | "certificates") {
    const all = this[kind].filter((t) => this.touched.has(t as Tracked<unknown>));
    return {
      created: all.filter((t) => t.isNew).length,
      updated: all.filter((t) => !t.isNew && t.changes.size > 0).length,
      unchanged: all.filter((t) => !t.isNew && t.changes.size === 0).length,
    };
  }

  hasWrites(): boolean {
    return [this.producers, this.products, this.certificates].some(
      (list) => this.toWrite<unknown>(list).length > 0,
    );
  }

  /** Touched records to write: new ones and changed ones. */
  toWrite<F>(list: Tracked<F>[]): Tracked<F>[] {
    return list.filter((t) => this.touched.has(t as Tracked<unknown>) && (t.isNew || t.changes.size > 0));
  }

  // ── matching ──────────────────────────────────────────────────────────────────────────────────────

  private matchProducer(line: number, fields: ProducerFields): Tracked<ProducerFields> | null {
    const byName = this.producerByName.get(key(fold(fields.name), fields.communeCode));
    let producer = fields.registrationNumber
      ? this.producerByRegistration.get(upper(fields.registrationNumber))
      : undefined;
    // Without a registration number on record, the same name in the same commune is the same producer.
    if (!producer && byName && (!fields.registrationNumber || !byName.fields.registrationNumber))
      producer = byName;
    if (producer && this.scope.communeCode && producer.fields.communeCode !== this.scope.communeCode) {
      const commune = this.state.communeByCode.get(producer.fields.communeCode);
      this.problems.push(
        error(line, COLUMNS.producerName.header, "import.otherCommune", { commune: commune?.name ?? "" }),
      );
      return null;
    }
    if (!producer) {
      producer = this.track(this.producers, null, fields, true, line);
      this.indexProducer(producer);
    }
    this.touched.add(producer);
    this.setAll(producer, fields, line, PRODUCER_COLUMNS, "producerName");
    if (producer.fields.registrationNumber) this.indexProducer(producer);
    return producer;
  }

  private matchProduct(line: number, fields: ProductFields): Tracked<ProductFields> {
    const k = key(fold(fields.name), fields.producer.uid);
    let product = this.productByName.get(k);
    if (!product) {
      product = this.track(this.products, null, fields, true, line);
      this.productByName.set(k, product);
    }
    this.touched.add(product);
    this.setAll(product, fields, line, PRODUCT_COLUMNS, "productName");
    return product;
  }

  private matchCertificate(line: number, fields: CertificateFields): void {
    const byDecision = key(upper(fields.decisionNumber), fields.product.uid);
    let certificate =
      (fields.number ? this.certificateByNumber.get(upper(fields.number)) : undefined) ??
      this.certificateByDecision.get(byDecision);
    if (certificate && certificate.fields.product !== fields.product) {
      this.problems.push(
        error(line, COLUMNS.certificateNumber.header, "import.certificateOfOtherProduct", {
          number: certificate.fields.number ?? fields.decisionNumber,
          product: certificate.fields.product.fields.name,
        }),
      );
      return;
    }
    const refuse = (
      k: "import.workflowCertificate" | "import.relistRevoked",
      c: Tracked<CertificateFields>,
    ) => {
      this.problems.push(
        error(line, COLUMNS.certificateNumber.header, k, {
          number: c.fields.number ?? c.fields.decisionNumber,
          revokedOn: c.fields.revokedOn ?? "",
        }),
      );
    };
    if (certificate && this.fromWorkflow.has(certificate)) {
      const found = certificate;
      const differs = (Object.keys(CERTIFICATE_COLUMNS) as (keyof CertificateFields)[]).some(
        (f) => fields[f] !== null && fields[f] !== found.fields[f],
      );
      if (differs) return refuse("import.workflowCertificate", found);
    }
    if (!certificate) {
      // An import adds history before the system: it never lists a revoked product again, nor
      // supersedes what the workflow issued.
      const before = this.history.get(fields.product) ?? [];
      const latest = before.reduce<Tracked<CertificateFields> | null>(
        (a, c) => (!a || c.fields.decisionDate > a.fields.decisionDate ? c : a),
        null,
      );
      if (latest?.fields.revokedOn) return refuse("import.relistRevoked", latest);
      const issued = before.find(
        (c) => this.fromWorkflow.has(c) && c.fields.decisionDate <= fields.decisionDate,
      );
      if (issued) return refuse("import.workflowCertificate", issued);
      certificate = this.track(this.certificates, null, fields, true, line);
      this.certificateByDecision.set(byDecision, certificate);
      if (fields.number) this.certificateByNumber.set(upper(fields.number), certificate);
    }
    this.touched.add(certificate);
    if (certificate.fields.revokedOn) {
      const differs = (["stars", "decisionDate", "number"] as const).some(
        (f) => fields[f] !== null && fields[f] !== certificate.fields[f],
      );
      if (differs)
        this.problems.push(
          warning(line, COLUMNS.certificateNumber.header, "import.revokedKept", {
            number: certificate.fields.number ?? "",
            revokedOn: certificate.fields.revokedOn,
          }),
        );
      return;
    }
    this.setAll(certificate, fields, line, CERTIFICATE_COLUMNS, "certificateNumber");
    if (fields.number) this.certificateByNumber.set(upper(fields.number), certificate);
  }

  /** Gives each listed field of the record the row's value; `named` is the column that names the record. */
  private setAll<F>(
    t: Tracked<F>,
    row: F,
    line: number,
    columns: Partial<Record<keyof F, Column>>,
    named: Column,
  ) {
    const what = COLUMNS[named].header.toLowerCase();
    for (const [field, column] of Object.entries(columns) as [keyof F & string, Column][])
      this.set(t, field, row[field], line, column, what);
  }

  /**
   * Gives a field the row's value. A blank cell changes nothing; a value that differs from the one an
   * earlier line gave the same record is a warning, and the earlier one is kept.
   */
  private set<F>(
    t: Tracked<F>,
    field: keyof F & string,
    value: unknown,
    line: number,
    column: Column,
    what: string,
  ) {
    if (value === null || value === undefined || value === "") return;
    const earlier = t.setBy.get(field);
    if (earlier) {
      if (earlier.value !== value)
        this.problems.push(
          warning(line, COLUMNS[column].header, "import.conflictingValue", {
            column: COLUMNS[column].header,
            value: shown(value),
            kept: shown(earlier.value),
            line: earlier.line,
            what,
          }),
        );
      return;
    }
    t.setBy.set(field, { value, line });
    const before = t.fields[field] as unknown;
    if (t.isNew || before === value) return;
    const original = t.changes.get(field)?.[0] ?? before;
    t.changes.set(field, [original, value]);
    (t.fields as Record<string, unknown>)[field] = value;
  }

  private track<F>(
    list: Tracked<F>[],
    id: number | null,
    fields: F,
    isNew: boolean,
    line: number,
  ): Tracked<F> {
    const t: Tracked<F> = {
      uid: this.nextUid++,
      id,
      fields,
      isNew,
      line,
      changes: new Map(),
      setBy: new Map(),
    };
    list.push(t);
    return t;
  }

  private indexProducer(t: Tracked<ProducerFields>) {
    if (t.fields.registrationNumber) this.producerByRegistration.set(upper(t.fields.registrationNumber), t);
    const k = key(fold(t.fields.name), t.fields.communeCode);
    if (!this.producerByName.has(k)) this.producerByName.set(k, t);
  }

  private indexCertificate(t: Tracked<CertificateFields>) {
    if (t.fields.number) this.certificateByNumber.set(upper(t.fields.number), t);
    this.certificateByDecision.set(key(upper(t.fields.decisionNumber), t.fields.product.uid), t);
  }

  // ── reference data ────────────────────────────────────────────────────────────────────────────────

  /** A commune by its code or name, today's or (for a paper dated before the merger) a former unit's. */
  private resolveCommune(
    line: number,
    text: string,
    decidedOn: LocalDate | null,
    fail: (
      k: "import.unknownCommune" | "import.ambiguousCommune" | "import.communeNeedsDate",
      p: Params,
    ) => void,
  ) {
    if (!text) return null;
    const match = this.state.communes.resolve(text, decidedOn);
    if ("commune" in match) {
      if (match.formerUnit)
        this.problems.push(
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
  private resolveProductSet(
    text: string,
    fail: (k: "import.unknownProductSet" | "import.ambiguousProductSet", p: object) => void,
  ): string | null {
    if (!text) return null;
    const sets = this.state.productSets;
    const byCode = sets.find((c) => c.code === text.replace(/\s+/g, ""));
    if (byCode) return byCode.code;
    const byName = sets.filter((c) => fold(c.name) === fold(text));
    if (byName.length === 1) return byName[0].code;
    if (byName.length > 1)
      fail("import.ambiguousProductSet", { value: text, candidates: byName.map((c) => c.code).join(", ") });
    else fail("import.unknownProductSet", { value: text });
    return null;
  }
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
