import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { StoredFile } from "../files/stored-file.entity";
import { DocumentConfirmation } from "./commune-work.types";
import { Dossier, DossierDocument } from "./dossier.entity";
import { AttachDossierDocumentInput, CarryOverArgs, PreviousDocuments } from "./dossier.types";
import { DossierAction, rolesFor } from "./workflow";

/** A dossier's evidence documents (DossierDocumentService). */
@Resolver(() => Dossier)
export class DossierDocumentsResolver {
  @Authorized(...rolesFor(DossierAction.ATTACH_DOCUMENT))
  @Mutation(() => DossierDocument, {
    description:
      "Links a file you uploaded (POST /files): the commune while the dossier is at the commune (DRAFT, SUBMITTED, AWAITING_SUPPLEMENT, RETURNED, COMMUNE_REVIEWED), its COMMUNE_REPORT and COMMUNE_REQUEST_LETTER included; the province its COUNCIL_MINUTES, RECOGNITION_DECISION and CERTIFICATE_SCAN once the dossier is accepted.",
  })
  attachDossierDocument(
    @Ctx() ctx: Context,
    @Arg("input", () => AttachDossierDocumentInput) input: AttachDossierDocumentInput,
  ): Promise<DossierDocument> {
    return ctx.services.dossierDocuments.attachDocument(ctx, input);
  }

  @Authorized(...rolesFor(DossierAction.REMOVE_DOCUMENT))
  @Mutation(() => Dossier, {
    description:
      "Removes a document where it could be attached (see attachDossierDocument); not one a council finding rests on.",
  })
  removeDossierDocument(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<Dossier> {
    return ctx.services.dossierDocuments.removeDocument(ctx, id);
  }

  @Authorized(...rolesFor(DossierAction.ATTACH_DOCUMENT))
  @Mutation(() => Dossier, {
    description:
      "Copies still-valid documents of the product's earlier dossier (see previousDocuments) into this one.",
  })
  carryOverDocuments(
    @Ctx() ctx: Context,
    @Args() { dossierId, documentIds }: CarryOverArgs,
  ): Promise<Dossier> {
    return ctx.services.dossierDocuments.carryOverDocuments(ctx, dossierId, documentIds);
  }

  @FieldResolver(() => PreviousDocuments, {
    nullable: true,
    description: "RE_EVALUATION and UPGRADE: the previous dossier's documents, still valid or lapsed.",
  })
  previousDocuments(@Root() d: Dossier, @Ctx() ctx: Context): Promise<PreviousDocuments | null> {
    return ctx.services.dossierDocuments.previousDocuments(ctx, d);
  }
}

@Resolver(() => DossierDocument)
export class DossierDocumentResolver {
  @FieldResolver(() => DocumentConfirmation, {
    nullable: true,
    description: "The commune's check of the document (null: not checked yet).",
  })
  confirmation(@Root() document: DossierDocument): DocumentConfirmation | null {
    if (!document.confirmationStatus) return null;
    return Object.assign(new DocumentConfirmation(), {
      status: document.confirmationStatus,
      reason: document.confirmationReason,
      at: document.confirmedAt,
      byId: document.confirmedById,
    });
  }

  @FieldResolver(() => StoredFile, {
    description: "The uploaded file: name, type, size, SHA-256 and where to download it.",
  })
  async file(@Root() document: DossierDocument, @Ctx() ctx: Context): Promise<StoredFile> {
    return (await ctx.loaders.file.load(document.fileId))!;
  }
}
