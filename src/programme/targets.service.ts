import { In, type DataSource } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { requireViewer } from "../auth/auth.service";
import { viewerCommunes } from "../auth/scope";
import { badInput } from "../core/errors";
import { inTransaction, lockRow } from "../core/transaction";
import { Commune } from "../geography/commune.entity";
import type { RequestScope } from "../request";
import { PlanTarget } from "./programme.entity";
import { type PlanTargetInput } from "./programme.types";

/** The province's plan targets per commune and year. */
export class PlanTargetService {
  constructor(private readonly dataSource: DataSource) {}

  async setTarget(ctx: RequestScope, input: PlanTargetInput): Promise<PlanTarget> {
    const viewer = requireViewer(ctx);
    const values = {
      newProducts: input.newProducts,
      upgrades: input.upgrades,
      reEvaluations: input.reEvaluations,
    };
    return inTransaction(this.dataSource, async (m) => {
      if (!(await lockRow(m, Commune, { code: input.communeCode })))
        throw badInput("geo.unknownCommune", "input.communeCode", { code: input.communeCode });
      const key = { year: input.year, communeCode: input.communeCode };
      const before = await m.findOneBy(PlanTarget, key);
      const same =
        before && (Object.keys(values) as (keyof typeof values)[]).every((k) => before[k] === values[k]);
      if (same) return before; // asked again: already so
      await m.save(m.create(PlanTarget, { ...key, ...values }));
      const show = (t: typeof values) =>
        `new ${t.newProducts}, upgrades ${t.upgrades}, re-evaluations ${t.reEvaluations}`;
      await audit(m, {
        at: ctx.now,
        actorId: viewer.id,
        action: "PLAN_TARGET_SET",
        subjectType: "PlanTarget",
        subjectId: `${input.year}-${input.communeCode}`,
        note: before ? `${show(before)} → ${show(values)}` : show(values),
      });
      return m.findOneByOrFail(PlanTarget, key);
    });
  }

  /** A year's targets; commune officers see their commune's only. */
  targets(ctx: RequestScope, year: number): Promise<PlanTarget[]> {
    const scope = viewerCommunes(requireViewer(ctx));
    return this.dataSource.getRepository(PlanTarget).find({
      where: { year, ...(scope ? { communeCode: In(scope) } : {}) },
      order: { communeCode: "ASC" },
    });
  }
}
