import { In, type DataSource } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import { badInput, conflict, notFound } from "../core/errors";
import { parseId } from "../core/ids";
import type { LocalDate } from "../core/time";
import { inTransaction } from "../core/transaction";
import { Commune } from "../geography/commune.entity";
import type { RequestScope } from "../request";
import { ruleSetOn } from "../rules/rule-set.entity";
import { Dossier } from "./dossier.entity";
import { EvaluationRound } from "./round.entity";
import type { CommuneForwardingStatus, OpenEvaluationRoundInput } from "./dossier.types";
import { AT_COMMUNE } from "./workflow";

/** The province's evaluation rounds: opening them, their deadlines, and who has not forwarded yet. */
export class RoundService {
  constructor(private readonly dataSource: DataSource) {}

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
          firstDeadline: input.submissionDeadline,
          deadlineDayIncluded: input.deadlineDayIncluded ?? true,
          minCouncilSize,
          createdAt: ctx.now, // the day it was opened: no dossier is received before it
        }),
      );
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "ROUND_OPENED",
        subjectType: "EvaluationRound",
        subjectId: round.id,
        note: `deadline ${round.submissionDeadline}${round.deadlineDayIncluded ? "" : " (forwarding closes before that day)"}`,
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
      where: { roundId, status: In(AT_COMMUNE) },
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
}
