import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { In, IsNull, Not, type DataSource, type EntityManager } from "typeorm";
import { type AuditEntry, auditMany } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import { Role } from "../auth/user.entity";
import { Category, CategoryLevel } from "../catalog/category.entity";
import { CatalogGeneration } from "../catalog/generation";
import { Producer } from "../catalog/producer.entity";
import { Product } from "../catalog/product.entity";
import { catalogWritten } from "../catalog/catalog-written";
import { insertProducers, insertProducts, updateProducerRow, updateProductRow } from "../catalog/writers";
import { Certificate } from "../certificates/certificate.entity";
import {
  insertCertificate,
  updateCertificateRow,
  nextCertificateNumber,
  settleSupersession,
} from "../certificates/certificate-issuer";
import { badInput, forbidden, notFound } from "../core/errors";
import { parseId } from "../core/ids";
import type { LocalDate } from "../core/time";
import type { RequestScope } from "../request";
import { inTransaction } from "../core/transaction";
import { Dossier } from "../dossiers/dossier.entity";
import { isType, StoredFile } from "../files/stored-file.entity";
import { CommuneNames } from "../geography/commune-names";
import { Commune } from "../geography/commune.entity";
import { RuleSet } from "../rules/rule-set.entity";
import { error, mapHeaders, type Problem } from "./columns";
import { ImportPlan } from "./plan";
import type { ExistingState, ImportScope, Tracked } from "./records";
import { readSheet, UnreadableFile } from "./spreadsheet";

/** Larger files are refused whole: split them (5,000 rows import in a few seconds). */
export const MAX_IMPORT_ROWS = 10_000;

export type Counts = { producers: number; products: number; certificates: number };
export type ImportReport = {
  dryRun: boolean;
  applied: boolean;
  rows: number;
  created: Counts;
  updated: Counts;
  unchanged: Counts;
  problems: Problem[];
};

export type ImportRun = {
  bytes: Buffer;
  /** Names the file in audit events: "import-template.csv (file 12)". */
  source: string;
  dryRun: boolean;
  actorId: number | null;
  scope: ImportScope;
  now: Date;
  today: LocalDate;
};

/** Thrown inside the transaction to leave nothing written when the plan has errors. */
class NothingWritten extends Error {
  constructor(readonly report: ImportReport) {
    super("import has errors");
  }
}

/**
 * Imports certified products from a spreadsheet: plans every row against the database, then (unless a
 * dry run, and only without errors) writes the plan in one transaction, every change audited.
 */
export class ImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly generation: CatalogGeneration,
    private readonly certificateNumberPattern: string,
    private readonly filesDir: string,
    /** IMPORT_DECISIONS_BEFORE: decisions from this day on are the workflow's, never imported. */
    private readonly decisionsBefore: LocalDate | null = null,
  ) {}

  /**
   * The GraphQL entry: a spreadsheet the viewer uploaded with purpose=import. Certificates are the
   * province's to record: a commune officer may only dry-run the rows of its commune (to prepare the file).
   */
  async importUploaded(ctx: RequestScope, rawFileId: string, dryRun: boolean): Promise<ImportReport> {
    const viewer = requireViewer(ctx);
    if (viewer.role === Role.COMMUNE_OFFICER && !dryRun) throw forbidden("import.applyNotYours");
    const fileId = parseId(rawFileId, "fileId");
    const file = await this.dataSource.getRepository(StoredFile).findOneBy({ id: fileId });
    if (!file || (file.uploadedById !== viewer.id && viewer.role !== Role.ADMIN))
      throw notFound("import.noFile");
    if (!isType(file, "import")) throw badInput("import.notImportFile", "fileId");
    return this.run({
      bytes: await readFile(join(this.filesDir, file.sha256)),
      source: `${file.originalName} (file ${file.id})`,
      dryRun,
      actorId: viewer.id,
      scope: { communeCode: viewer.role === Role.COMMUNE_OFFICER ? (viewer.communeCode ?? "-") : null },
      now: ctx.now,
      today: ctx.today,
    });
  }

  async run(run: ImportRun): Promise<ImportReport> {
    if (run.dryRun) return (await this.plan(this.dataSource.manager, run)).report;
    try {
      const report = await inTransaction(this.dataSource, async (m) => {
        // First: every other catalog event waits until this import ends, and the plan reads a still database.
        await CatalogGeneration.bump(m);
        const { plan, report } = await this.plan(m, run);
        if (report.problems.some((p) => p.severity === "ERROR")) throw new NothingWritten(report);
        // A file already imported changes nothing: no write, no event (as any repeat).
        if (!plan!.hasWrites()) throw new NothingWritten({ ...report, applied: true });
        await this.apply(m, plan!, run); // a plan without errors
        return { ...report, applied: true };
      });
      this.generation.changed();
      return report;
    } catch (e) {
      if (e instanceof NothingWritten) return e.report;
      throw e;
    }
  }

  private async plan(
    m: EntityManager,
    run: ImportRun,
  ): Promise<{ plan: ImportPlan | null; report: ImportReport }> {
    const report = (problems: Problem[], rows = 0, plan: ImportPlan | null = null): ImportReport => {
      const counts = (k: "created" | "updated" | "unchanged"): Counts => ({
        producers: plan?.counts("producers")[k] ?? 0,
        products: plan?.counts("products")[k] ?? 0,
        certificates: plan?.counts("certificates")[k] ?? 0,
      });
      return {
        dryRun: run.dryRun,
        applied: false,
        rows,
        created: counts("created"),
        updated: counts("updated"),
        unchanged: counts("unchanged"),
        problems,
      };
    };
    let sheet;
    try {
      sheet = await readSheet(run.bytes, MAX_IMPORT_ROWS);
    } catch (e) {
      if (!(e instanceof UnreadableFile)) throw e;
      // A file beyond what the reader takes (a zip bomb, a sheet that never ends) is refused whole.
      if (e.reason === "tooLarge") throw badInput("import.tooLarge", "fileId", { max: MAX_IMPORT_ROWS });
      return { plan: null, report: report([error(null, null, `import.${e.reason}`)]) };
    }
    if (!sheet.headers.length) return { plan: null, report: report([error(null, null, "import.empty")]) };
    if (!sheet.rows.length) return { plan: null, report: report([error(null, null, "import.noRows")]) };
    if (sheet.more)
      return {
        plan: null,
        report: report(
          [error(null, null, "import.tooManyRows", { max: MAX_IMPORT_ROWS })],
          sheet.rows.length,
        ),
      };
    const { positions, problems } = mapHeaders(sheet.headers);
    if (problems.length) return { plan: null, report: report(problems, sheet.rows.length) };

    const plan = new ImportPlan(
      await this.existing(m),
      { decisionsBefore: this.decisionsBefore, ...run.scope },
      run.today,
    );
    for (const row of sheet.rows) {
      plan.addRow(row.line, (column) => {
        const i = positions.get(column);
        return i === undefined ? undefined : row.cells[i];
      });
    }
    const ordered = [...plan.problems].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || Number(a.severity > b.severity),
    );
    return { plan, report: report(ordered, sheet.rows.length, plan) };
  }

  private async existing(m: EntityManager): Promise<ExistingState> {
    const [producers, products, certificates, communes, categories, ruleSets, issued] = await Promise.all([
      m.find(Producer),
      m.find(Product, {
        select: { id: true, name: true, slug: true, categoryCode: true, communeCode: true, producerId: true },
      }),
      m.find(Certificate),
      m.find(Commune, { order: { provinceCode: "ASC", position: "ASC" } }),
      m.find(Category, { where: { level: CategoryLevel.SET } }),
      m.find(RuleSet, { order: { effectiveFrom: "ASC" } }),
      m.find(Dossier, { select: { certificateId: true }, where: { certificateId: Not(IsNull()) } }),
    ]);
    const fromWorkflow = new Set(issued.map((d) => d.certificateId));
    return {
      producers: producers.map((p) => ({
        id: p.id,
        name: p.name,
        kind: p.kind,
        registrationNumber: p.registrationNumber,
        address: p.address,
        phone: p.phone,
        email: p.email,
        communeCode: p.communeCode,
      })),
      products,
      certificates: certificates.map((c) => ({
        id: c.id,
        productId: c.productId,
        number: c.number,
        stars: c.stars,
        decisionNumber: c.decisionNumber,
        decisionDate: c.decisionDate,
        expiresOn: c.expiresOn,
        issuedBy: c.issuedBy,
        revokedOn: c.revokedOn,
        fromWorkflow: fromWorkflow.has(c.id),
      })),
      communes: new CommuneNames(communes),
      communeByCode: new Map(communes.map((c) => [c.code, c])),
      productSets: categories,
      ruleSets,
    };
  }

  /** Writes the plan: new records, then changes, each with its audit event naming the file and line. */
  private async apply(m: EntityManager, plan: ImportPlan, run: ImportRun): Promise<void> {
    const events: AuditEntry[] = [];
    const event = (action: string, subjectType: string, subjectId: number, note: string) =>
      events.push({ at: run.now, actorId: run.actorId, action, subjectType, subjectId, note });
    const from = (t: Tracked<unknown>) => `import of ${run.source}, line ${t.line}`;
    const changed = (t: Tracked<unknown>) =>
      [...t.changes].map(([k, [a, b]]) => `${k}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`).join("; ");
    const reindex = new Set<number>();
    const changedProducers = new Set<number>();

    for (const p of plan.toWrite(plan.producers)) {
      const { name, kind, registrationNumber, address, phone, email, communeCode } = p.fields;
      const values = {
        name,
        kind,
        registrationNumber,
        address,
        phone,
        email,
        communeCode,
      };
      if (p.isNew) {
        [p.id] = await insertProducers(m, [{ ...values, representative: null, website: null }]);
        event("PRODUCER_CREATED", "Producer", p.id, `${name}; ${from(p)}`);
      } else {
        await updateProducerRow(m, p.id!, values);
        event("PRODUCER_UPDATED", "Producer", p.id!, `${changed(p)}; ${from(p)}`);
        changedProducers.add(p.id!);
        if (p.changes.has("name"))
          plan.products.filter((x) => x.fields.producer === p && x.id).forEach((x) => reindex.add(x.id!));
      }
    }

    const slugs = new Set(plan.products.flatMap((p) => (p.fields.slug ? [p.fields.slug] : [])));
    // The communes whose catalog counts change: the products' communes before and after the import.
    const counted = new Set<string>();
    const moved = plan
      .toWrite(plan.products)
      .filter((p) => !p.isNew)
      .map((p) => p.id!);
    for (let i = 0; i < moved.length; i += 500)
      for (const p of await m.find(Product, {
        select: { communeCode: true },
        where: { id: In(moved.slice(i, i + 500)) },
      }))
        counted.add(p.communeCode);
    for (const p of plan.toWrite(plan.products)) {
      const { name, categoryCode, communeCode, producer } = p.fields;
      counted.add(communeCode);
      if (p.isNew) {
        [p.id] = await insertProducts(
          m,
          [{ name, description: null, categoryCode, communeCode, producerId: producer.id! }],
          slugs,
        );
        event("PRODUCT_CREATED", "Product", p.id, `${name}; ${from(p)}`);
      } else {
        await updateProductRow(m, p.id!, { categoryCode, communeCode });
        event("PRODUCT_UPDATED", "Product", p.id!, `${changed(p)}; ${from(p)}`);
      }
      reindex.add(p.id!);
    }

    const certified = new Set<number>();
    for (const c of plan.toWrite(plan.certificates)) {
      const f = c.fields;
      const values = {
        stars: f.stars,
        decisionNumber: f.decisionNumber,
        decisionDate: f.decisionDate,
        issuedOn: f.decisionDate,
        expiresOn: f.expiresOn,
        issuedBy: f.issuedBy,
      };
      if (c.isNew) {
        // Without the printed number the system makes one, and says so wherever the number is shown.
        const numberAssignedBySystem = !f.number;
        f.number ??= await nextCertificateNumber(m, this.certificateNumberPattern, f.decisionDate);
        c.id = await insertCertificate(m, {
          ...values,
          number: f.number,
          numberAssignedBySystem,
          productId: f.product.id!,
        });
        event(
          "CERTIFICATE_ISSUED",
          "Certificate",
          c.id,
          `${f.number}, ${f.stars} stars, ${f.decisionNumber} of ${f.decisionDate}, until ${f.expiresOn}; ${from(c)}`,
        );
      } else {
        await updateCertificateRow(m, c.id!, {
          ...values,
          ...(f.number ? { number: f.number, numberAssignedBySystem: false } : {}),
        });
        event("CERTIFICATE_UPDATED", "Certificate", c.id!, `${changed(c)}; ${from(c)}`);
      }
      certified.add(f.product.id!);
      counted.add(f.product.fields.communeCode);
    }
    await auditMany(m, events);
    // Older certificates give way to the newest, as a re-evaluation does; products show their current one.
    for (const productId of certified)
      await settleSupersession(m, productId, {
        at: run.now,
        actorId: run.actorId,
        note: `import of ${run.source}`,
      });
    await catalogWritten(m, {
      certificates: [...certified],
      words: [...reindex],
      products: [...reindex],
      producers: [...changedProducers],
      communes: [...counted],
    });
    await auditMany(m, [
      {
        at: run.now,
        actorId: run.actorId,
        action: "IMPORT_APPLIED",
        subjectType: "Import",
        subjectId: run.source.slice(0, 64),
        note: (["producers", "products", "certificates"] as const)
          .map((k) => {
            const c = plan.counts(k);
            return `${k}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`;
          })
          .join("; "),
      },
    ]);
  }
}
