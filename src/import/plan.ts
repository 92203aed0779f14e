import { addMonths, type LocalDate } from "../core/time";
import { fold } from "../core/text";
import { COLUMNS, type Column, error, type Problem, warning } from "./columns";
import type { Cell } from "./spreadsheet";
import { readRow } from "./row";
import type {
  CertificateFields,
  ExistingState,
  ImportScope,
  ProducerFields,
  ProductFields,
  Tracked,
} from "./records";

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
    const row = readRow(
      { state: this.state, scope: this.scope, today: this.today, problems: this.problems },
      line,
      cell,
    );
    if (!row) return;
    const { decisionDate, rules, givenExpiry, commune } = row;

    const producer = this.matchProducer(line, {
      name: row.producerName,
      kind: row.kind,
      registrationNumber: row.registrationNumber,
      address: row.address,
      phone: row.phone,
      email: row.email,
      communeCode: commune.code,
    });
    if (!producer) return;
    const product = this.matchProduct(line, {
      name: row.productName,
      slug: null,
      categoryCode: row.categoryCode,
      communeCode: commune.code,
      producer,
    });
    const expected = addMonths(decisionDate, rules.certificateValidityMonths);
    if (givenExpiry && givenExpiry !== expected)
      this.problems.push(
        warning(line, COLUMNS.expiresOn.header, "import.expiryDiffers", {
          given: givenExpiry,
          expected,
          months: rules.certificateValidityMonths,
        }),
      );
    this.matchCertificate(line, {
      number: row.certificateNumber,
      stars: row.stars,
      decisionNumber: row.decisionNumber,
      decisionDate,
      expiresOn: givenExpiry ?? expected,
      issuedBy: row.issuedBy,
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
}
