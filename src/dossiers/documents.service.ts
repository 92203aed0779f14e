import { In, type DataSource } from "typeorm";
import { requireViewer } from "../auth/auth.service";
import type { Viewer } from "../auth/auth.types";
import { Role } from "../auth/user.entity";
import { badInput, notFound } from "../core/errors";
import { parseId } from "../core/ids";
import { isType, StoredFile } from "../files/stored-file.entity";
import type { RequestScope } from "../request";
import {
  type DocumentKind,
  Dossier,
  DossierDocument,
  DossierKind,
  MandatoryFinding,
  PROVINCE_DOCUMENTS,
  validOn,
} from "./dossier.entity";
import type { AttachDossierDocumentInput } from "./dossier.types";
import { runTransition, transitionDossier, visibleTo } from "./transition-runner";
import { AT_COMMUNE, DossierAction, DossierStatus } from "./workflow";
import { enumRef } from "../i18n/messages";

/**
 * The province's papers (council minutes, decision, certificate scan) are attached once the dossier is
 * accepted, every other kind while it is at the commune: the state says which.
 */
export function requireKindHere(d: Dossier, kind: DocumentKind, argument: string): void {
  const atCommune = AT_COMMUNE.includes(d.status);
  if (atCommune === PROVINCE_DOCUMENTS.includes(kind))
    throw badInput(atCommune ? "dossier.provinceKind" : "dossier.communeKind", argument, {
      kind: enumRef("DocumentKind", kind),
    });
}

/** A dossier's evidence documents: attaching, removing, carrying over from the previous dossier, reading files. */
export class DossierDocumentService {
  constructor(private readonly dataSource: DataSource) {}

  async attachDocument(ctx: RequestScope, input: AttachDossierDocumentInput): Promise<DossierDocument> {
    const viewer = requireViewer(ctx);
    const title = input.title.trim();
    const fileId = parseId(input.fileId, "input.fileId");
    const { result } = await runTransition(
      this.dataSource,
      ctx,
      input.dossierId,
      DossierAction.ATTACH_DOCUMENT,
      async (d, m) => {
        requireKindHere(d, input.kind, "input.kind");
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
      },
    );
    return result!;
  }

  async removeDocument(ctx: RequestScope, rawId: string): Promise<Dossier> {
    const document = await this.dataSource
      .getRepository(DossierDocument)
      .findOneBy({ id: parseId(rawId, "id") });
    if (!document) throw notFound("dossier.noDocument");
    const { dossier } = await runTransition(
      this.dataSource,
      ctx,
      String(document.dossierId),
      DossierAction.REMOVE_DOCUMENT,
      async (d, m) => {
        requireKindHere(d, document.kind, "id");
        if (await m.existsBy(MandatoryFinding, { documentId: document.id }))
          throw badInput("dossier.documentCited", "id");
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
    return {
      reusable: documents.filter((d) => validOn(d, ctx.today)),
      lapsed: documents.filter((d) => !validOn(d, ctx.today)),
    };
  }

  /** Copies still-valid documents of the product's earlier dossiers into this one (DRAFT or RETURNED). */
  async carryOverDocuments(ctx: RequestScope, rawId: string, rawDocumentIds: string[]): Promise<Dossier> {
    const viewer = requireViewer(ctx);
    const ids = [...new Set(rawDocumentIds.map((id) => parseId(id, "documentIds")))];
    if (ids.length === 0) throw badInput("dossier.noDocumentsGiven", "documentIds");
    return transitionDossier(this.dataSource, ctx, rawId, DossierAction.ATTACH_DOCUMENT, async (d, m) => {
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
      earlier.forEach((doc) => requireKindHere(d, doc.kind, "documentIds"));
      const lapsed = earlier.filter((doc) => !validOn(doc, ctx.today));
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
}
