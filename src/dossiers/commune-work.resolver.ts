import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { User } from "../auth/user.entity";
import type { Context } from "../context";
import {
  ConfirmDossierDocumentInput,
  DocumentConfirmation,
  ReceiptArgs,
  SupplementRequest,
  SupplementRequestInput,
} from "./commune-work.types";
import { Dossier, DossierDocument } from "./dossier.entity";
import { DossierAction, rolesFor } from "./workflow";

/** The commune's daily work on a dossier: receipt, confirmations, supplements (CommuneWorkService). */
@Resolver(() => Dossier)
export class CommuneWorkResolver {
  @Authorized(...rolesFor(DossierAction.RECORD_RECEIPT))
  @Mutation(() => Dossier, {
    description:
      "The day the commune received the file from the producer (not after today, not before the round was opened), while the dossier is at the commune.",
  })
  recordDossierReceipt(
    @Ctx() ctx: Context,
    @Args() { dossierId, receivedOn }: ReceiptArgs,
  ): Promise<Dossier> {
    return ctx.services.communeWork.recordReceipt(ctx, dossierId, receivedOn);
  }

  @Authorized(...rolesFor(DossierAction.CONFIRM_DOCUMENT))
  @Mutation(() => DossierDocument, {
    description:
      "The commune's check of a document: CONFIRMED (not once its validUntil has come), or NOT_VALID with the reason. Confirming again replaces it. Forwarding needs a CONFIRMED document of each mandatory kind.",
  })
  confirmDossierDocument(
    @Ctx() ctx: Context,
    @Arg("input", () => ConfirmDossierDocumentInput) input: ConfirmDossierDocumentInput,
  ): Promise<DossierDocument> {
    return ctx.services.communeWork.confirmDocument(ctx, input);
  }

  @Authorized(...rolesFor(DossierAction.REQUEST_SUPPLEMENT))
  @Mutation(() => Dossier, {
    description:
      "Asks the producer for missing or invalid documents by a date (SUBMITTED or COMMUNE_REVIEWED → AWAITING_SUPPLEMENT); submitDossier brings it back to SUBMITTED once each listed kind has a CONFIRMED document.",
  })
  requestDossierSupplement(
    @Ctx() ctx: Context,
    @Arg("input", () => SupplementRequestInput) input: SupplementRequestInput,
  ): Promise<Dossier> {
    return ctx.services.communeWork.requestSupplement(ctx, input);
  }

  @FieldResolver(() => User, { nullable: true, description: "The officer who recorded receivedOn." })
  receivedBy(@Root() d: Dossier, @Ctx() ctx: Context): Promise<User | null> | null {
    return d.receivedById ? ctx.loaders.user.load(d.receivedById) : null;
  }

  @FieldResolver(() => SupplementRequest, {
    nullable: true,
    description:
      "The latest request for supplements (while AWAITING_SUPPLEMENT, the open one; after a return with a list, the province's or the commune's list).",
  })
  supplementRequest(@Root() d: Dossier): SupplementRequest | null {
    const r = d.supplementRequest;
    return (
      r &&
      Object.assign(new SupplementRequest(), {
        ...r,
        requestedAt: new Date(r.requestedAt),
        settledAt: r.settledAt ? new Date(r.settledAt) : null,
      })
    );
  }
}

@Resolver(() => DocumentConfirmation)
export class DocumentConfirmationResolver {
  @FieldResolver(() => User, { description: "The commune officer who checked it." })
  async by(@Root() c: DocumentConfirmation, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.user.load(c.byId))!;
  }
}

@Resolver(() => SupplementRequest)
export class SupplementRequestResolver {
  @FieldResolver(() => User)
  async requestedBy(@Root() r: SupplementRequest, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.user.load(r.requestedById))!;
  }
}
