import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { StoredFile } from "../files/stored-file.entity";
import { Dossier, DossierDocument } from "./dossier.entity";
import { AttachDossierDocumentInput, CarryOverArgs, PreviousDocuments } from "./dossier.types";
import { DossierAction, rolesFor } from "./workflow";

/** A dossier's evidence documents (DossierDocumentService). */
@Resolver(() => Dossier)
export class DossierDocumentsResolver {
  @Authorized(...rolesFor(DossierAction.ATTACH_DOCUMENT))
  @Mutation(() => DossierDocument, {
    description: "Links an uploaded file (POST /files) while the dossier is DRAFT or RETURNED.",
  })
  attachDossierDocument(
    @Ctx() ctx: Context,
    @Arg("input", () => AttachDossierDocumentInput) input: AttachDossierDocumentInput,
  ): Promise<DossierDocument> {
    return ctx.services.dossierDocuments.attachDocument(ctx, input);
  }

  @Authorized(...rolesFor(DossierAction.REMOVE_DOCUMENT))
  @Mutation(() => Dossier, { description: "Removes a document while the dossier is DRAFT or RETURNED." })
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
  @FieldResolver(() => StoredFile, {
    description: "The uploaded file: name, type, size, SHA-256 and where to download it.",
  })
  async file(@Root() document: DossierDocument, @Ctx() ctx: Context): Promise<StoredFile> {
    return (await ctx.loaders.file.load(document.fileId))!;
  }
}
