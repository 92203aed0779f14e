import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { Role, User } from "../auth/user.entity";
import type { Context } from "../context";
import { Dossier } from "../dossiers/dossier.entity";
import { PotentialProduct } from "./programme.entity";
import { SelfAssessment } from "./self-assessment.entity";
import { SelfAssessmentInput } from "./self-assessment.types";

/** Self-assessments (Mẫu 02) on potential products and dossiers (SelfAssessmentService). */
@Resolver(() => SelfAssessment)
export class SelfAssessmentResolver {
  @Authorized(Role.COMMUNE_OFFICER)
  @Mutation(() => SelfAssessment, {
    description:
      "A self-assessment (Mẫu 02) with or for the producer, on a potential product of your commune or on a dossier until it is forwarded: the sheet of the product set under the rules in force, its choices checked and scored as a council sheet. A reference only: it never counts in the council's evaluation.",
  })
  recordSelfAssessment(
    @Ctx() ctx: Context,
    @Arg("input", () => SelfAssessmentInput) input: SelfAssessmentInput,
  ): Promise<SelfAssessment> {
    return ctx.services.selfAssessments.record(ctx, input);
  }

  @FieldResolver(() => User, { description: "The commune officer who recorded it." })
  async recordedBy(@Root() s: SelfAssessment, @Ctx() ctx: Context): Promise<User> {
    return (await ctx.loaders.user.load(s.recordedById))!;
  }
}

@Resolver(() => Dossier)
export class DossierSelfAssessmentsResolver {
  @FieldResolver(() => [SelfAssessment], {
    description:
      "The producer's self-assessments, newest first (recorded on the dossier, or on its entry of the register): for reference beside the council's sheets, never counted.",
  })
  selfAssessments(@Root() d: Dossier, @Ctx() ctx: Context): Promise<SelfAssessment[]> {
    return ctx.services.selfAssessments.ofDossier(ctx, d);
  }
}

@Resolver(() => PotentialProduct)
export class PotentialSelfAssessmentsResolver {
  @FieldResolver(() => [SelfAssessment], { description: "Newest first." })
  selfAssessments(@Root() p: PotentialProduct, @Ctx() ctx: Context): Promise<SelfAssessment[]> {
    return ctx.services.selfAssessments.ofPotentialProduct(ctx, p);
  }
}
