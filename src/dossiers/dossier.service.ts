import { Brackets, In, type DataSource, type EntityManager } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import type { Viewer } from "../auth/auth.types";
import { inViewerCommune, viewerCommunes } from "../auth/scope";
import { Role } from "../auth/user.entity";
import { type CatalogGeneration } from "../catalog/generation";
import { Product } from "../catalog/product.entity";
import { productSearchCondition } from "../catalog/product-index";
import { Certificate, IssuingLevel } from "../certificates/certificate.entity";
import { issueCertificate, nextCertificateNumber } from "../certificates/certificate-issuer";
import { findByNumber } from "../certificates/certificate.service";
import { type CursorCodec, pageSize } from "../core/connection";
import { keysetPage } from "../core/paging";
import { AppError, badInput, conflict, ErrorCode, invalidTransition, notFound } from "../core/errors";
import { enumRef, enumRefs } from "../i18n/messages";
import { inTransaction } from "../db/transaction";
import { parseId } from "../core/ids";
import { endOfVietnamDay, type LocalDate } from "../core/time";
import type { RequestScope } from "../request";
import { requireNotFuture } from "../core/validation";
import { Commune } from "../geography/commune.entity";
import { isType, StoredFile } from "../files/stored-file.entity";
import { ruleSetOn, starsFor } from "../rules/rule-set.entity";
import {
  Dossier,
  DossierDocument,
  DossierKind,
  EvaluationRound,
  MANDATORY_DOCUMENTS,
  ScoreSheet,
} from "./dossier.entity";
import type {
  AttachDossierDocumentInput,
  CentralResultInput,
  CommuneForwardingStatus,
  CommuneReportInput,
  CreateDossierInput,
  DossierFilter,
  OpenEvaluationRoundInput,
  RecognitionInput,
  ScoreSheetInput,
} from "./dossier.types";
import { DossierConnection } from "./dossier.types";
import { actionsFrom, DossierAction, DossierStatus } from "./workflow";
import { CLOSED, COUNCIL_STATES, type Outcome, runTransition, visibleTo } from "./transition-runner";

/** The evaluation is concluded once the average is recorded: from then on every sheet may be seen. */
const isConcluded = (d: Dossier) => d.averageScore !== null;

/** States from which a dossier has not reached the province yet. */
const NOT_FORWARDED = [
  DossierStatus.DRAFT,
  DossierStatus.SUBMITTED,
  DossierStatus.RETURNED,
  DossierStatus.COMMUNE_REVIEWED,
];

/**
 * The dossier workflow. Every action goes through `act`: visibility (NOT_FOUND), the transition table
 * (INVALID_TRANSITION, FORBIDDEN), the action's own checks, then one transaction holding a conditional
 * `UPDATE … WHERE id = ? AND version = ?` (CONFLICT when another change came first) and the audit event.
 */
export class DossierService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cursors: CursorCodec,
    /** Raised by the issuing transaction; told after commit so that this instance sees it at once. */
    private readonly generation: CatalogGeneration,
    /** CERTIFICATE_NUMBER_PATTERN: numbers certificates whose printed number the recognition does not give. */
    private readonly certificateNumberPattern: string,
  ) {}

  // ── rounds ────────────────────────────────────────────────────────────────────────────────────────

  async openRound(ctx: RequestScope, input: OpenEvaluationRoundInput): Promise<EvaluationRound> {
    const viewer = requireViewer(ctx);
    const name = input.name.trim();
    return inTransaction(this.dataSource, async (m) => {
      const minCouncilSize = input.minCouncilSize ?? (await ruleSetOn(m, ctx.today)).minCouncilSize;
      if (await m.existsBy(EvaluationRound, { name, year: input.year }))
        throw conflict("round.exists", { name, year: input.year });
      const round = await m.save(
        m.create(EvaluationRound, {
          name,
          year: input.year,
          submissionDeadline: input.submissionDeadline,
          minCouncilSize,
        }),
      );
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "ROUND_OPENED",
        subjectType: "EvaluationRound",
        subjectId: round.id,
        note: `deadline ${round.submissionDeadline}`,
      });
      return round;
    });
  }

  async extendDeadline(ctx: RequestScope, rawId: string, deadline: LocalDate): Promise<EvaluationRound> {
    const viewer = requireViewer(ctx);
    return inTransaction(this.dataSource, async (m) => {
      const round = await m.findOneBy(EvaluationRound, { id: parseId(rawId, "roundId") });
      if (!round) throw notFound("round.notFound");
      if (deadline === round.submissionDeadline) return round; // asked again: already so
      if (deadline < round.submissionDeadline) throw badInput("round.deadlineEarlier", "submissionDeadline");
      // Conditional, so that of two concurrent extensions one wins and the other is told.
      const updated = await m.update(
        EvaluationRound,
        { id: round.id, submissionDeadline: round.submissionDeadline },
        { submissionDeadline: deadline },
      );
      if (updated.affected !== 1) throw conflict("round.deadlineChanged");
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "DEADLINE_EXTENDED",
        subjectType: "EvaluationRound",
        subjectId: round.id,
        note: `${round.submissionDeadline} → ${deadline}`,
      });
      return { ...round, submissionDeadline: deadline };
    });
  }

  rounds(_ctx: RequestScope): Promise<EvaluationRound[]> {
    return this.dataSource.getRepository(EvaluationRound).find({ order: { year: "DESC", id: "DESC" } });
  }

  /** Per commune, the round's dossiers not forwarded yet, most first: whom the province should chase. */
  async notForwarded(ctx: RequestScope, rawRoundId: string): Promise<CommuneForwardingStatus[]> {
    const roundId = parseId(rawRoundId, "roundId");
    const dossiers = await this.dataSource.getRepository(Dossier).find({
      where: { roundId, status: In(NOT_FORWARDED) },
      order: { communeCode: "ASC", id: "ASC" },
    });
    const byCommune = new Map<string, Dossier[]>();
    for (const d of dossiers) byCommune.set(d.communeCode, [...(byCommune.get(d.communeCode) ?? []), d]);
    const communes = await ctx.loaders.commune.loadMany([...byCommune.keys()]);
    return communes
      .filter((c): c is Commune => c instanceof Commune)
      .map((commune) => ({
        commune,
        notForwarded: byCommune.get(commune.code)!.length,
        dossiers: byCommune.get(commune.code)!,
      }))
      .sort((a, b) => b.notForwarded - a.notForwarded || a.commune.position - b.commune.position);
  }

  // ── reading ───────────────────────────────────────────────────────────────────────────────────────

  /** A dossier the viewer may see, or null (another commune's is as absent as a missing one). */
  async dossier(ctx: RequestScope, rawId: string): Promise<Dossier | null> {
    const dossier = await this.dataSource.getRepository(Dossier).findOneBy({ id: parseId(rawId, "id") });
    return dossier && visibleTo(requireViewer(ctx), dossier) ? dossier : null;
  }

  async dossiers(
    ctx: RequestScope,
    args: { filter?: DossierFilter | null; first?: number | null; after?: string | null },
  ): Promise<DossierConnection> {
    const viewer = requireViewer(ctx);
    const first = pageSize(args.first);
    const filtered = () => {
      const qb = this.dataSource.getRepository(Dossier).createQueryBuilder("d");
      const communes = viewerCommunes(viewer);
      if (communes) qb.andWhere("d.communeCode IN (:...scope)", { scope: communes });
      if (viewer.role === Role.COUNCIL_MEMBER)
        qb.andWhere("d.status IN (:...councilStates)", { councilStates: COUNCIL_STATES });
      const f = args.filter ?? {};
      if (f.statuses?.length) qb.andWhere("d.status IN (:...statuses)", { statuses: f.statuses });
      if (f.kinds?.length) qb.andWhere("d.kind IN (:...kinds)", { kinds: f.kinds });
      if (f.roundId) qb.andWhere("d.roundId = :roundId", { roundId: parseId(f.roundId, "filter.roundId") });
      if (f.communeCodes?.length)
        qb.andWhere("d.communeCode IN (:...communeCodes)", { communeCodes: f.communeCodes });
      const search = f.search?.trim();
      if (search) {
        const byProduct = productSearchCondition(qb, "d.productId", search);
        qb.andWhere(
          new Brackets((b) => {
            b.where("d.code LIKE :codePrefix", { codePrefix: `${search.replace(/[%_\\]/g, "")}%` });
            if (byProduct) b.orWhere(byProduct);
          }),
        );
      }
      return qb;
    };
    const page = await keysetPage(filtered(), {
      alias: "d",
      sortKey: "id",
      direction: "DESC",
      first,
      tag: ["dossiers"],
      numeric: true,
      after: args.after,
      cursors: this.cursors,
      countTotal: () => filtered().getCount(),
    });
    return Object.assign(new DossierConnection(), page);
  }

  /** What the viewer may do to the dossier now, from the transition table and the viewer's commune. */
  allowedActions(ctx: RequestScope, dossier: Dossier): DossierAction[] {
    const viewer = requireViewer(ctx);
    if (!inViewerCommune(viewer, dossier.communeCode)) return [];
    return actionsFrom(dossier.status, viewer.role);
  }

  /**
   * Score sheets: until the evaluation is concluded each member sees only their own and nobody else sees any
   * (who has submitted is in `scoreSubmissions`); afterwards everyone who sees the dossier sees all.
   */
  async scoreSheets(ctx: RequestScope, dossier: Dossier): Promise<ScoreSheet[]> {
    const viewer = requireViewer(ctx);
    const sheets = await ctx.loaders.scoreSheetsByDossier.load(dossier.id);
    return isConcluded(dossier) ? sheets : sheets.filter((s) => s.memberId === viewer.id);
  }

  /** A history note that would tell a score before the conclusion is shown only to the member who gave it. */
  historyNote(
    ctx: RequestScope,
    dossier: Dossier,
    event: { action: string; actorId: number | null; note: string | null },
  ): string | null {
    const hidden =
      event.action === DossierAction.SUBMIT_SCORE_SHEET &&
      !isConcluded(dossier) &&
      event.actorId !== requireViewer(ctx).id;
    return hidden ? "score sheet submitted (scores are shown once the evaluation is concluded)" : event.note;
  }

  // ── creating ──────────────────────────────────────────────────────────────────────────────────────

  async createDossier(ctx: RequestScope, input: CreateDossierInput): Promise<Dossier> {
    const viewer = requireViewer(ctx);
    const productId = parseId(input.productId, "input.productId");
    const roundId = parseId(input.roundId, "input.roundId");
    return inTransaction(this.dataSource, async (m) => {
      const product = await m.findOneBy(Product, { id: productId });
      if (!product || !inViewerCommune(viewer, product.communeCode)) throw notFound("catalog.noProduct");
      if (product.archivedAt)
        throw badInput("catalog.productArchived", "input.productId", { name: product.name });
      const round = await m.findOneBy(EvaluationRound, { id: roundId });
      if (!round) throw notFound("round.notFound");
      const current = product.currentCertificateId
        ? await m.findOneBy(Certificate, { id: product.currentCertificateId })
        : null;
      if (input.kind === DossierKind.NEW && current) {
        throw badInput("dossier.alreadyCertified", "input.kind");
      }
      if (input.kind !== DossierKind.NEW && !current) {
        throw badInput("dossier.needsCertificate", "input.kind", {
          kind: enumRef("DossierKind", input.kind),
        });
      }
      const open = await m
        .getRepository(Dossier)
        .createQueryBuilder("d")
        .where("d.productId = :productId AND d.roundId = :roundId AND d.status NOT IN (:...closed)", {
          productId,
          roundId,
          closed: CLOSED,
        })
        .getOne();
      if (open) throw conflict("dossier.openInRound", { code: open.code }, { dossierCode: open.code });
      const commune = await m.findOneByOrFail(Commune, { code: product.communeCode });
      const dossier = await m.save(
        m.create(Dossier, {
          code: `pending-${productId}-${roundId}-${Date.now()}-${Math.random()}`.slice(0, 32),
          productId,
          roundId,
          communeCode: product.communeCode,
          kind: input.kind,
          status: DossierStatus.DRAFT,
          openKey: 1, // with the unique key (product, round, openKey): one open dossier per product and round
          version: 1,
          createdById: viewer.id,
        }),
      );
      // The id makes the code unique without a counter: province-year-number.
      dossier.code = `${commune.provinceCode}-${round.year}-${String(dossier.id).padStart(4, "0")}`;
      await m.update(Dossier, dossier.id, { code: dossier.code });
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "CREATE",
        subjectType: "Dossier",
        subjectId: dossier.id,
        toStatus: DossierStatus.DRAFT,
        note: `${input.kind} for product ${productId}`,
      });
      return dossier;
    });
  }

  // ── the workflow ──────────────────────────────────────────────────────────────────────────────────

  submit(ctx: RequestScope, id: string) {
    return this.transition(ctx, id, DossierAction.SUBMIT, async (d, m) => {
      const kinds = new Set(
        (await m.find(DossierDocument, { where: { dossierId: d.id } })).map((doc) => doc.kind),
      );
      const missing = MANDATORY_DOCUMENTS.filter((k) => !kinds.has(k));
      if (missing.length)
        throw invalidTransition(
          "dossier.missingDocuments",
          { documents: enumRefs("DocumentKind", missing) },
          { missingDocuments: missing },
        );
      return { changes: { returnReason: null } };
    });
  }

  returnDossier(ctx: RequestScope, id: string, reason: string) {
    const note = reason.trim();
    return this.transition(ctx, id, DossierAction.RETURN, async () => ({
      changes: { returnReason: note },
      note,
    }));
  }

  recordCommuneReport(ctx: RequestScope, input: CommuneReportInput) {
    const verdict = (v: { met: boolean; note?: string | null }) => ({
      met: v.met,
      note: v.note?.trim() || null,
    });
    const report = {
      localOrigin: verdict(input.localOrigin),
      localLabour: verdict(input.localLabour),
      ideaOrigin: verdict(input.ideaOrigin),
      localIdentity: verdict(input.localIdentity),
    };
    const met = Object.values(report).filter((v) => v.met).length;
    return this.transition(ctx, input.dossierId, DossierAction.RECORD_COMMUNE_REPORT, async () => ({
      changes: { communeReport: report },
      note: `${met} of 4 local criteria met`,
    }));
  }

  forward(ctx: RequestScope, id: string) {
    return this.transition(ctx, id, DossierAction.FORWARD, async (d, m) => {
      const round = await m.findOneByOrFail(EvaluationRound, { id: d.roundId });
      if (ctx.now.getTime() >= endOfVietnamDay(round.submissionDeadline).getTime()) {
        throw new AppError(
          ErrorCode.DEADLINE_PASSED,
          "dossier.deadlinePassed",
          { deadline: round.submissionDeadline },
          {
            submissionDeadline: round.submissionDeadline,
          },
        );
      }
      return { changes: { forwardedAt: ctx.now } };
    });
  }

  accept(ctx: RequestScope, id: string) {
    return this.transition(ctx, id, DossierAction.ACCEPT, async () => ({}));
  }

  withdraw(ctx: RequestScope, id: string, reason?: string | null) {
    return this.transition(ctx, id, DossierAction.WITHDRAW, async () => ({
      note: reason?.trim().slice(0, 2000) || null,
    }));
  }

  async submitScoreSheet(ctx: RequestScope, input: ScoreSheetInput): Promise<ScoreSheet> {
    const viewer = requireViewer(ctx);
    const total = input.partA + input.partB + input.partC;
    const { result } = await this.act(
      ctx,
      input.dossierId,
      DossierAction.SUBMIT_SCORE_SHEET,
      async (d, m) => {
        const existing = await m.findOneBy(ScoreSheet, { dossierId: d.id, memberId: viewer.id });
        const values = {
          partA: input.partA,
          partB: input.partB,
          partC: input.partC,
          total,
          mandatoryStarsMet: input.mandatoryStarsMet,
        };
        if (
          existing &&
          (Object.keys(values) as (keyof typeof values)[]).every((k) => existing[k] === values[k])
        )
          return { result: existing, unchanged: true };
        const sheet = await m.save(
          existing
            ? Object.assign(existing, values)
            : m.create(ScoreSheet, { dossierId: d.id, memberId: viewer.id, ...values }),
        );
        const scores = `A ${values.partA}, B ${values.partB}, C ${values.partC} = ${total}; mandatory criteria met up to ${values.mandatoryStarsMet} stars`;
        return {
          result: sheet,
          note: `${existing ? "score sheet replaced" : "score sheet submitted"}: ${scores}`,
        };
      },
    );
    return result!;
  }

  concludeEvaluation(ctx: RequestScope, id: string) {
    return this.transition(ctx, id, DossierAction.CONCLUDE_EVALUATION, async (d, m) => {
      const round = await m.findOneByOrFail(EvaluationRound, { id: d.roundId });
      const sheets = await m.find(ScoreSheet, { where: { dossierId: d.id } });
      if (sheets.length < round.minCouncilSize) {
        throw invalidTransition("dossier.councilIncomplete", {
          needed: round.minCouncilSize,
          given: sheets.length,
        });
      }
      const rules = await ruleSetOn(m, ctx.today);
      const average = Math.round((sheets.reduce((s, x) => s + x.total, 0) / sheets.length) * 100) / 100;
      const stars = starsFor(
        rules,
        average,
        sheets.map((s) => s.mandatoryStarsMet),
      );
      return {
        to: stars >= 3 ? DossierStatus.SCORED : DossierStatus.NOT_ACHIEVED,
        changes: { averageScore: average, resultStars: stars, ruleSetVersion: rules.version },
        note: `average ${average} of ${sheets.length} sheets: ${stars} stars under ${rules.version}`,
      };
    });
  }

  async recordRecognition(ctx: RequestScope, input: RecognitionInput): Promise<Certificate> {
    return this.recognise(ctx, input, DossierAction.RECORD_RECOGNITION, (d) => {
      if (d.resultStars !== 3 && d.resultStars !== 4) {
        throw invalidTransition("dossier.provinceStars");
      }
      return d.resultStars;
    });
  }

  proposeToCentral(ctx: RequestScope, id: string) {
    return this.transition(ctx, id, DossierAction.PROPOSE_TO_CENTRAL, async (d) => {
      if (d.resultStars !== 5) throw invalidTransition("dossier.fiveStarsOnly");
      return {};
    });
  }

  async recordCentralResult(ctx: RequestScope, input: CentralResultInput): Promise<Certificate> {
    return this.recognise(ctx, input, DossierAction.RECORD_CENTRAL_RESULT, () => input.stars);
  }

  // ── documents ─────────────────────────────────────────────────────────────────────────────────────

  async attachDocument(ctx: RequestScope, input: AttachDossierDocumentInput): Promise<DossierDocument> {
    const viewer = requireViewer(ctx);
    const title = input.title.trim();
    const fileId = parseId(input.fileId, "input.fileId");
    const { result } = await this.act(ctx, input.dossierId, DossierAction.ATTACH_DOCUMENT, async (d, m) => {
      const file = await m.findOneBy(StoredFile, { id: fileId });
      // A file is attached by whoever uploaded it (another user's upload is as absent as a missing one).
      if (!file || (file.uploadedById !== viewer.id && viewer.role !== Role.ADMIN))
        throw notFound("dossier.noFile");
      if (!isType(file, "evidence")) throw badInput("file.notEvidence", "input.fileId");
      const same = await m.findOneBy(DossierDocument, { dossierId: d.id, kind: input.kind, fileId });
      if (same) return { result: same, unchanged: true };
      const document = await m.save(
        m.create(DossierDocument, {
          dossierId: d.id,
          kind: input.kind,
          title,
          fileId,
          validUntil: input.validUntil ?? null,
          attachedById: viewer.id,
        }),
      );
      return { result: document, note: `${input.kind}: ${title}` };
    });
    return result!;
  }

  async removeDocument(ctx: RequestScope, rawId: string): Promise<Dossier> {
    const document = await this.dataSource
      .getRepository(DossierDocument)
      .findOneBy({ id: parseId(rawId, "id") });
    if (!document) throw notFound("dossier.noDocument");
    const { dossier } = await this.act(
      ctx,
      String(document.dossierId),
      DossierAction.REMOVE_DOCUMENT,
      async (_d, m) => {
        const deleted = await m.delete(DossierDocument, document.id);
        if (!deleted.affected) throw notFound("dossier.noDocument"); // removed meanwhile by a request like this one
        return { note: `${document.kind}: ${document.title}` };
      },
    );
    return dossier;
  }

  /**
   * For a RE_EVALUATION or UPGRADE dossier: the documents of the product's latest earlier dossier, split
   * into those still valid (they may be carried over) and those whose validUntil has passed.
   */
  async previousDocuments(
    ctx: RequestScope,
    dossier: Dossier,
  ): Promise<{ reusable: DossierDocument[]; lapsed: DossierDocument[] } | null> {
    if (dossier.kind === DossierKind.NEW) return null;
    const previous = await this.dataSource
      .getRepository(Dossier)
      .createQueryBuilder("d")
      .where("d.productId = :productId AND d.id < :id", { productId: dossier.productId, id: dossier.id })
      .orderBy("d.status = :recognized", "DESC")
      .setParameter("recognized", DossierStatus.RECOGNIZED)
      .addOrderBy("d.id", "DESC")
      .getOne();
    const documents = previous ? await ctx.loaders.documentsByDossier.load(previous.id) : [];
    const stillValid = (d: DossierDocument) => d.validUntil === null || d.validUntil > ctx.today;
    return { reusable: documents.filter(stillValid), lapsed: documents.filter((d) => !stillValid(d)) };
  }

  /** Copies still-valid documents of the product's earlier dossiers into this one (DRAFT or RETURNED). */
  async carryOverDocuments(ctx: RequestScope, rawId: string, rawDocumentIds: string[]): Promise<Dossier> {
    const viewer = requireViewer(ctx);
    const ids = [...new Set(rawDocumentIds.map((id) => parseId(id, "documentIds")))];
    if (ids.length === 0) throw badInput("dossier.noDocumentsGiven", "documentIds");
    return this.transition(ctx, rawId, DossierAction.ATTACH_DOCUMENT, async (d, m) => {
      const earlier = await m
        .getRepository(DossierDocument)
        .createQueryBuilder("doc")
        .innerJoin(Dossier, "prev", "prev.id = doc.dossierId")
        .where("doc.id IN (:...ids) AND prev.productId = :productId AND prev.id < :id", {
          ids,
          productId: d.productId,
          id: d.id,
        })
        .getMany();
      if (earlier.length !== ids.length) throw badInput("dossier.notEarlierDocuments", "documentIds");
      const lapsed = earlier.filter((doc) => doc.validUntil !== null && doc.validUntil <= ctx.today);
      if (lapsed.length)
        throw badInput("dossier.lapsedDocuments", "documentIds", {
          documents: lapsed.map((doc) => `${doc.title} (${doc.validUntil})`).join(", "),
        });
      const present = new Set(
        (await m.findBy(DossierDocument, { dossierId: d.id })).map((doc) => `${doc.kind}|${doc.fileId}`),
      );
      const missing = earlier.filter((doc) => !present.has(`${doc.kind}|${doc.fileId}`));
      if (!missing.length) return { unchanged: true };
      await m.save(
        missing.map((doc) =>
          m.create(DossierDocument, {
            dossierId: d.id,
            kind: doc.kind,
            title: doc.title,
            fileId: doc.fileId,
            validUntil: doc.validUntil,
            attachedById: viewer.id,
          }),
        ),
      );
      return { note: `carried over: ${missing.map((doc) => doc.kind).join(", ")}` };
    });
  }

  /** May the viewer fetch this stored file? Its uploader, or anyone who sees a dossier it is attached to. */
  async mayReadFile(viewer: Viewer, file: StoredFile): Promise<boolean> {
    if (file.uploadedById === viewer.id || viewer.role === Role.ADMIN) return true;
    const documents = await this.dataSource.getRepository(DossierDocument).findBy({ fileId: file.id });
    if (!documents.length) return false;
    const dossiers = await this.dataSource
      .getRepository(Dossier)
      .findBy({ id: In(documents.map((d) => d.dossierId)) });
    return dossiers.some((d) => visibleTo(viewer, d));
  }

  // ── the mechanism ─────────────────────────────────────────────────────────────────────────────────

  private async recognise(
    ctx: RequestScope,
    input: RecognitionInput,
    action: DossierAction.RECORD_RECOGNITION | DossierAction.RECORD_CENTRAL_RESULT,
    starsOf: (d: Dossier) => number,
  ): Promise<Certificate> {
    const viewer = requireViewer(ctx);
    const decisionNumber = input.decisionNumber.trim();
    requireNotFuture(input.decisionDate, ctx.today, "input.decisionDate");
    const givenNumber = input.certificateNumber?.trim() || null;
    const { result } = await this.act(ctx, input.dossierId, action, async (d, m) => {
      if (givenNumber && (await findByNumber(m, givenNumber)))
        throw conflict("certificate.numberTaken", { number: givenNumber });
      const stars = starsOf(d);
      const certificate = await issueCertificate(m, {
        productId: d.productId,
        stars,
        decisionNumber,
        decisionDate: input.decisionDate,
        number:
          givenNumber ?? (await nextCertificateNumber(m, this.certificateNumberPattern, input.decisionDate)),
        issuedBy:
          action === DossierAction.RECORD_CENTRAL_RESULT && stars === 5
            ? IssuingLevel.CENTRAL
            : IssuingLevel.PROVINCE,
        actorId: viewer.id,
        replaces: d.kind === DossierKind.NEW ? "none" : "current",
        at: ctx.now,
      });
      return {
        result: certificate,
        changes: { certificateId: certificate.id },
        note: `${decisionNumber} of ${input.decisionDate}: ${certificate.stars} stars, certificate ${certificate.number}`,
      };
    });
    this.generation.changed();
    return result!;
  }

  /** `act` for actions whose answer is the dossier. */
  private async transition(
    ctx: RequestScope,
    rawId: string,
    action: DossierAction,
    work: (dossier: Dossier, m: EntityManager) => Promise<Outcome<never>>,
  ): Promise<Dossier> {
    return (await this.act(ctx, rawId, action, work)).dossier;
  }

  private act<T = never>(
    ctx: RequestScope,
    rawId: string,
    action: DossierAction,
    work: (dossier: Dossier, m: EntityManager) => Promise<Outcome<T>>,
  ): Promise<{ dossier: Dossier; result?: T }> {
    return runTransition(this.dataSource, ctx, rawId, action, work);
  }
}
