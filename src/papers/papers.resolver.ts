import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../context";
import { DossierDocument } from "../dossiers/dossier.entity";
import { STAFF } from "../dossiers/dossier.resolver";
import { DossierAction, rolesFor } from "../dossiers/workflow";
import { PrintableDocument, PrintableDocumentInput, PrintableDocumentKind } from "./papers.types";

/** Printable documents generated from the records (PaperService). */
@Resolver()
export class PapersResolver {
  @Authorized(...STAFF)
  @Query(() => PrintableDocument, {
    description:
      "A printable document (PDF, A4, Vietnamese, Decree 30 layout) and the URL to GET it with the same Authorization header. BAD_USER_INPUT when a field its kind needs is missing; NOT_FOUND or FORBIDDEN for records you may not see.",
  })
  printableDocument(
    @Ctx() ctx: Context,
    @Arg("input", () => PrintableDocumentInput) input: PrintableDocumentInput,
  ): Promise<PrintableDocument> {
    return ctx.services.papers.describe(ctx, input);
  }

  @Authorized(...rolesFor(DossierAction.ATTACH_DOCUMENT))
  @Mutation(() => DossierDocument, {
    description:
      "Generates the dossier's document of this kind (SCORE_SUMMARY, MINUTES_DRAFT, COMMUNE_REPORT, COMMUNE_REQUEST_LETTER, RECOGNITION_LIST, CERTIFICATE), stores it as a PDF and attaches it; the history event carries its SHA-256. The province attaches the council's and the decision's papers, the commune its own.",
  })
  attachGeneratedDocument(
    @Ctx() ctx: Context,
    @Arg("dossierId", () => ID) dossierId: string,
    @Arg("kind", () => PrintableDocumentKind) kind: PrintableDocumentKind,
  ): Promise<DossierDocument> {
    return ctx.services.papers.attachGenerated(ctx, dossierId, kind);
  }
}
