import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Role } from "../auth/user.entity";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";
import type { Context } from "../context";
import { EvaluationRound } from "./round.entity";
import { CommuneForwardingStatus, OpenEvaluationRoundInput } from "./dossier.types";
import { STAFF } from "./dossier.resolver";

@Resolver(() => EvaluationRound)
export class EvaluationRoundResolver {
  @Authorized(Role.PROVINCE_OFFICER)
  @Mutation(() => EvaluationRound)
  openEvaluationRound(
    @Ctx() ctx: Context,
    @Arg("input", () => OpenEvaluationRoundInput) input: OpenEvaluationRoundInput,
  ): Promise<EvaluationRound> {
    return ctx.services.rounds.openRound(ctx, input);
  }

  @Authorized(Role.PROVINCE_OFFICER)
  @Mutation(() => EvaluationRound, { description: "Moves the round's deadline later." })
  extendSubmissionDeadline(
    @Ctx() ctx: Context,
    @Arg("roundId", () => ID) roundId: string,
    @Arg("submissionDeadline", () => LocalDateScalar) submissionDeadline: LocalDate,
  ): Promise<EvaluationRound> {
    return ctx.services.rounds.extendDeadline(ctx, roundId, submissionDeadline);
  }

  @Authorized(...STAFF)
  @Query(() => [EvaluationRound], { description: "Evaluation rounds, newest first." })
  evaluationRounds(@Ctx() ctx: Context): Promise<EvaluationRound[]> {
    return ctx.services.rounds.rounds(ctx);
  }

  @Authorized(Role.PROVINCE_OFFICER)
  @Query(() => [CommuneForwardingStatus], {
    description: "Per commune, the round's dossiers not forwarded yet (to chase before the deadline).",
  })
  dossiersNotForwarded(
    @Ctx() ctx: Context,
    @Arg("roundId", () => ID) roundId: string,
  ): Promise<CommuneForwardingStatus[]> {
    return ctx.services.rounds.notForwarded(ctx, roundId);
  }
}
