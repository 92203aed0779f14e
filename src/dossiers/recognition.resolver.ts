import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { Certificate } from "../certificates/certificate.entity";
import type { Context } from "../context";
import { Dossier } from "./dossier.entity";
import { CentralResultInput, RecognitionInput } from "./dossier.types";
import { DossierAction, rolesFor } from "./workflow";

/** Recognition by the province or the Ministry (RecognitionService). */
@Resolver(() => Dossier)
export class DossierRecognitionResolver {
  @Authorized(...rolesFor(DossierAction.RECORD_RECOGNITION))
  @Mutation(() => Certificate, {
    description: "The province's recognition decision (3 or 4 stars): issues the certificate.",
  })
  recordRecognition(
    @Ctx() ctx: Context,
    @Arg("input", () => RecognitionInput) input: RecognitionInput,
  ): Promise<Certificate> {
    return ctx.services.recognition.recordRecognition(ctx, input);
  }

  @Authorized(...rolesFor(DossierAction.PROPOSE_TO_CENTRAL))
  @Mutation(() => Dossier, { description: "A 5-star result goes to the Ministry." })
  proposeToCentral(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<Dossier> {
    return ctx.services.recognition.proposeToCentral(ctx, id);
  }

  @Authorized(...rolesFor(DossierAction.RECORD_CENTRAL_RESULT))
  @Mutation(() => Certificate, {
    description:
      "The Ministry's decision (or the province's, when the Ministry does not give 5 stars): issues the certificate.",
  })
  recordCentralResult(
    @Ctx() ctx: Context,
    @Arg("input", () => CentralResultInput) input: CentralResultInput,
  ): Promise<Certificate> {
    return ctx.services.recognition.recordCentralResult(ctx, input);
  }

  @FieldResolver(() => Certificate, {
    nullable: true,
    description: "The certificate issued for this dossier.",
  })
  async certificate(@Root() d: Dossier, @Ctx() ctx: Context): Promise<Certificate | null> {
    return d.certificateId ? ctx.loaders.certificate.load(d.certificateId) : null;
  }
}
