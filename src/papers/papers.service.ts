import type { DataSource } from "typeorm";
import { requireViewer } from "../auth/auth.service";
import { Role } from "../auth/user.entity";
import type { SignedLabels } from "../certificates/signed-label";
import { Certificate } from "../certificates/certificate.entity";
import type { CertificateLifecycleService } from "../certificates/lifecycle.service";
import { verifyUrl } from "../certificates/verify.routes";
import { badInput, forbidden, notFound } from "../core/errors";
import { parseId } from "../core/ids";
import { requireKindHere } from "../dossiers/documents.service";
import { DocumentKind, Dossier, DossierDocument } from "../dossiers/dossier.entity";
import type { ScoringService } from "../dossiers/scoring.service";
import { runTransition, visibleTo } from "../dossiers/transition-runner";
import { DossierAction } from "../dossiers/workflow";
import { keepBytes } from "../files/file-store";
import { StoredFile } from "../files/stored-file.entity";
import type { RequestScope } from "../request";
import {
  certificatePaper,
  communeExpiryNotices,
  expiryNotice,
  type Paper,
  recognitionList,
} from "./certificate-papers";
import { communeReport, communeRequestLetter, minutesDraft, scoreSummary } from "./dossier-papers";
import { renderOfficialDocument } from "./pdf";
import { PrintableDocument, type PrintableDocumentInput, PrintableDocumentKind } from "./papers.types";

const K = PrintableDocumentKind;
type Field = Exclude<keyof PrintableDocumentInput, "kind">;

/** The fields each kind needs, in the order its URL lists them. */
const NEEDS: Record<PrintableDocumentKind, Field[]> = {
  [K.EXPIRY_NOTICE]: ["certificateNumber"],
  [K.COMMUNE_EXPIRY_NOTICES]: ["communeCode", "withinDays"],
  [K.COMMUNE_REPORT]: ["roundId", "communeCode"],
  [K.COMMUNE_REQUEST_LETTER]: ["roundId", "communeCode"],
  [K.SCORE_SUMMARY]: ["dossierId"],
  [K.MINUTES_DRAFT]: ["dossierId"],
  [K.RECOGNITION_LIST]: ["decisionNumber"],
  [K.CERTIFICATE]: ["certificateNumber"],
};

/** The council sees the council's papers only. */
const COUNCIL_PAPERS = [K.SCORE_SUMMARY, K.MINUTES_DRAFT];

/** The dossier document a generated paper becomes when it is attached. */
const ATTACHED_AS: Partial<Record<PrintableDocumentKind, DocumentKind>> = {
  [K.COMMUNE_REPORT]: DocumentKind.COMMUNE_REPORT,
  [K.COMMUNE_REQUEST_LETTER]: DocumentKind.COMMUNE_REQUEST_LETTER,
  [K.SCORE_SUMMARY]: DocumentKind.SCORE_SUMMARY,
  [K.MINUTES_DRAFT]: DocumentKind.COUNCIL_MINUTES,
  [K.RECOGNITION_LIST]: DocumentKind.RECOGNITION_LIST,
  [K.CERTIFICATE]: DocumentKind.PRINTED_CERTIFICATE,
};

/** The stable address of a document: its kind and the fields it needs, always in the same order. */
export const paperUrl = (input: PrintableDocumentInput): string =>
  `/papers/${input.kind}?${NEEDS[input.kind].map((f) => `${f}=${encodeURIComponent(String(input[f]))}`).join("&")}`;

/**
 * The papers the process runs on (PDF, A4, Decree 30 layout), generated from the records as the viewer may
 * see them: described for `printableDocument`, rendered for GET /papers/…, attached to a dossier as a file.
 */
export class PaperService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deps: {
      scoring: ScoringService;
      lifecycle: CertificateLifecycleService;
      signedLabels: SignedLabels;
      filesDir: string;
      publicBaseUrl: string;
    },
  ) {}

  async describe(ctx: RequestScope, input: PrintableDocumentInput): Promise<PrintableDocument> {
    const paper = await this.paper(ctx, input);
    return Object.assign(new PrintableDocument(), {
      kind: input.kind,
      title: paper.title,
      url: paperUrl(input),
    });
  }

  async render(ctx: RequestScope, input: PrintableDocumentInput): Promise<{ title: string; pdf: Buffer }> {
    const paper = await this.paper(ctx, input);
    return { title: paper.title, pdf: await renderOfficialDocument(paper.spec, paper.title) };
  }

  /**
   * Generates a paper of the dossier, stores it as a PDF file and attaches it (the province its papers once
   * the dossier is accepted, the commune its own while it is at the commune); the event keeps the SHA-256.
   */
  async attachGenerated(
    ctx: RequestScope,
    rawId: string,
    kind: PrintableDocumentKind,
  ): Promise<DossierDocument> {
    const viewer = requireViewer(ctx);
    const found = await this.dataSource.getRepository(Dossier).findOneBy({ id: parseId(rawId, "dossierId") });
    if (!found || !visibleTo(viewer, found)) throw notFound("dossier.notFound");
    const documentKind = ATTACHED_AS[kind];
    if (!documentKind) throw badInput("papers.notForDossier", "kind");
    const { title, pdf } = await this.render(ctx, await this.inputFor(found, kind));
    const sha256 = await keepBytes(this.deps.filesDir, pdf);
    const { result } = await runTransition(
      this.dataSource,
      ctx,
      rawId,
      DossierAction.ATTACH_DOCUMENT,
      async (d, m) => {
        requireKindHere(d, documentKind, "kind");
        // Asked again while the records are the same: the same bytes, already attached.
        const same = await m
          .getRepository(DossierDocument)
          .createQueryBuilder("doc")
          .innerJoin(StoredFile, "f", "f.id = doc.fileId")
          .where("doc.dossierId = :id AND doc.kind = :kind AND f.sha256 = :sha256", {
            id: d.id,
            kind: documentKind,
            sha256,
          })
          .getOne();
        if (same) return { result: same, unchanged: true };
        const file = await m.save(
          m.create(StoredFile, {
            sha256,
            size: pdf.length,
            contentType: "application/pdf",
            originalName: `${kind.toLowerCase()}-${d.code}.pdf`,
            purpose: "evidence",
            uploadedById: viewer.id,
            createdAt: ctx.now,
          }),
        );
        const document = await m.save(
          m.create(DossierDocument, {
            dossierId: d.id,
            kind: documentKind,
            title: title.slice(0, 255),
            fileId: file.id,
            validUntil: null,
            attachedById: viewer.id,
          }),
        );
        return { result: document, note: `${documentKind}: ${title} (generated, sha256 ${sha256})` };
      },
    );
    return result!;
  }

  /** The input that names the dossier's own paper of a kind. */
  private async inputFor(d: Dossier, kind: PrintableDocumentKind): Promise<PrintableDocumentInput> {
    if (kind === K.SCORE_SUMMARY || kind === K.MINUTES_DRAFT) return { kind, dossierId: String(d.id) };
    if (kind === K.COMMUNE_REPORT || kind === K.COMMUNE_REQUEST_LETTER)
      return { kind, roundId: String(d.roundId), communeCode: d.communeCode };
    const certificate = d.certificateId
      ? await this.dataSource.getRepository(Certificate).findOneBy({ id: d.certificateId })
      : null;
    if (!certificate) throw badInput("papers.noCertificate", "dossierId");
    return kind === K.CERTIFICATE
      ? { kind, certificateNumber: certificate.number }
      : { kind, decisionNumber: certificate.decisionNumber };
  }

  private paper(ctx: RequestScope, input: PrintableDocumentInput): Promise<Paper> {
    const viewer = requireViewer(ctx);
    const missing = NEEDS[input.kind].filter(
      (f) => input[f] === null || input[f] === undefined || input[f] === "",
    );
    if (missing.length) throw badInput("papers.needs", missing[0], { fields: missing.join(", ") });
    if (viewer.role === Role.COUNCIL_MEMBER && !COUNCIL_PAPERS.includes(input.kind)) throw forbidden();
    const m = this.dataSource.manager;
    const { scoring, lifecycle, signedLabels, publicBaseUrl } = this.deps;
    switch (input.kind) {
      case K.EXPIRY_NOTICE:
        return expiryNotice(ctx, m, input.certificateNumber!);
      case K.COMMUNE_EXPIRY_NOTICES:
        return communeExpiryNotices(ctx, m, lifecycle, input.communeCode!, input.withinDays!);
      case K.COMMUNE_REPORT:
        return communeReport(ctx, m, input.roundId!, input.communeCode!);
      case K.COMMUNE_REQUEST_LETTER:
        return communeRequestLetter(ctx, m, input.roundId!, input.communeCode!);
      case K.SCORE_SUMMARY:
        return scoreSummary(ctx, m, scoring, input.dossierId!);
      case K.MINUTES_DRAFT:
        return minutesDraft(ctx, m, scoring, input.dossierId!);
      case K.RECOGNITION_LIST:
        return recognitionList(ctx, m, input.decisionNumber!);
      case K.CERTIFICATE:
        return certificatePaper(ctx, m, input.certificateNumber!, {
          qr: async (c) => verifyUrl(publicBaseUrl, c.number, await signedLabels.token(ctx, c)),
          page: (c) => verifyUrl(publicBaseUrl, c.number),
        });
    }
  }
}
