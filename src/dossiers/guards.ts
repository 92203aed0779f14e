import type { EntityManager } from "typeorm";
import { AppError, ErrorCode, invalidTransition } from "../core/errors";
import { endOfVietnamDay, type LocalDate, vietnamDate } from "../core/time";
import { enumRefs } from "../i18n/messages";
import { Category } from "../catalog/category.entity";
import { Product } from "../catalog/product.entity";
import type { RequestScope } from "../request";
import { allRuleSets, rulesOfDossier } from "../rules/rule-book";
import type { RuleSet } from "../rules/rule-set.entity";
import {
  COMMUNE_DOCUMENTS,
  DocumentConfirmationStatus,
  type DocumentKind,
  type Dossier,
  DossierDocument,
  ScoreSheet,
  validOn,
} from "./dossier.entity";
import { EvaluationRound, forwardingClosesAt } from "./round.entity";
import { DossierAction } from "./workflow";

/** What the guards look at besides the dossier: read in the action's transaction, or by loaders for allowedActions. */
export type GuardFacts = {
  now: Date;
  round: EvaluationRound;
  documents: DossierDocument[];
  /** The dossier's rule set (see rulesOfDossier). */
  rules: RuleSet;
  /** The criteria sheet number of the product's set (null: none). */
  criteriaSet: number | null;
  /** Score sheets submitted so far. */
  sheets: number;
};

/** How many product samples the rule set asks of a dossier of this product set (0: none). */
export const samplesRequired = (rules: RuleSet, criteriaSet: number | null): number =>
  rules.productSamples &&
  !(criteriaSet !== null && rules.productSamples.exceptCriteriaSets.includes(criteriaSet))
    ? rules.productSamples.count
    : 0;

/** A guard refuses an action the transition table allows, with the reason; null lets it pass. */
type Guard = (d: Dossier, facts: GuardFacts) => AppError | null;

/** The first refusal of several guards. */
const allOf =
  (...guards: Guard[]): Guard =>
  (d, facts) =>
    guards.reduce<AppError | null>((refusal, guard) => refusal ?? guard(d, facts), null);

/** SUBMIT: every document the rule set lists for the dossier's kind is attached. */
const documentsAttached: Guard = (d, { documents, rules }) => {
  const missing = ((rules.documents?.[d.kind] ?? []) as DocumentKind[]).filter(
    (k) => !documents.some((doc) => doc.kind === k),
  );
  return missing.length
    ? invalidTransition(
        "dossier.missingDocuments",
        { documents: enumRefs("DocumentKind", missing) },
        { missingDocuments: missing },
      )
    : null;
};

/** A document the commune confirmed, and still valid today; the commune's own papers count once attached. */
const counts = (doc: DossierDocument, today: LocalDate) =>
  COMMUNE_DOCUMENTS.includes(doc.kind)
    ? doc.confirmationStatus !== DocumentConfirmationStatus.NOT_VALID
    : doc.confirmationStatus === DocumentConfirmationStatus.CONFIRMED && validOn(doc, today);

/** The kinds among `kinds` that have no document that counts. */
const unconfirmed = (kinds: DocumentKind[], { documents, now }: GuardFacts) => {
  const today = vietnamDate(now);
  return [...new Set(kinds)].filter((k) => !documents.some((doc) => doc.kind === k && counts(doc, today)));
};

const unconfirmedRefusal = (kinds: DocumentKind[]) =>
  kinds.length
    ? invalidTransition(
        "dossier.unconfirmedDocuments",
        { documents: enumRefs("DocumentKind", kinds) },
        { unconfirmedDocuments: kinds },
      )
    : null;

/** SUBMIT again after a request for supplements: every listed kind has a CONFIRMED document. */
const supplementsConfirmed: Guard = (d, facts) =>
  d.supplementRequest && !d.supplementRequest.settledAt
    ? unconfirmedRefusal(
        unconfirmed(
          d.supplementRequest.items.map((i) => i.kind),
          facts,
        ),
      )
    : null;

/**
 * FORWARD: each mandatory document of the dossier's kind CONFIRMED by the commune (a NOT_VALID one may stay
 * beside its confirmed replacement), and the commune's own papers the rules ask (under 1489: its report and
 * request letter) attached.
 */
const mandatoryConfirmed: Guard = (d, facts) =>
  unconfirmedRefusal(
    unconfirmed(
      [
        ...((facts.rules.documents?.[d.kind] ?? []) as DocumentKind[]),
        ...((facts.rules.forwardingDocuments?.kinds ?? []) as DocumentKind[]),
      ],
      facts,
    ),
  );

/**
 * FORWARD: until the round's deadline (the end of its day, Vietnam time, or its start when the day is not
 * included), or within the days of grace the province granted when it returned the dossier.
 */
const beforeDeadline: Guard = (d, { now, round }) =>
  now.getTime() < forwardingClosesAt(round, round.submissionDeadline).getTime() ||
  (d.forwardAgainBy !== null && now.getTime() < endOfVietnamDay(d.forwardAgainBy).getTime())
    ? null
    : new AppError(
        ErrorCode.DEADLINE_PASSED,
        "dossier.deadlinePassed",
        { deadline: round.submissionDeadline },
        { submissionDeadline: round.submissionDeadline },
      );

/** CONCLUDE_EVALUATION: as many score sheets as the round's council size. */
const councilComplete: Guard = (_d, { round, sheets }) =>
  sheets >= round.minCouncilSize
    ? null
    : invalidTransition("dossier.councilIncomplete", { needed: round.minCouncilSize, given: sheets });

/** RECORD_RECOGNITION: the province recognises 3 and 4 stars. */
const provinceStars: Guard = (d) =>
  d.resultStars === 3 || d.resultStars === 4 ? null : invalidTransition("dossier.provinceStars");

/** PROPOSE_TO_CENTRAL: the average reaches the rule set's threshold for proposing 5 stars. */
const centralThreshold: Guard = (d, { rules }) =>
  (d.averageScore ?? 0) >= rules.centralProposalMinPoints
    ? null
    : invalidTransition("dossier.belowCentralThreshold", {
        minPoints: rules.centralProposalMinPoints,
        average: d.averageScore ?? 0,
      });

/** RECORD_SAMPLES: the rule set asks samples of this product set (community tourism brings none). */
const samplesAsked: Guard = (_d, { rules, criteriaSet }) =>
  samplesRequired(rules, criteriaSet) > 0 ? null : invalidTransition("dossier.noSamples");

/** The named checks of each action, beyond state and role (the transition table). */
export const GUARDS: Partial<Record<DossierAction, Guard>> = {
  [DossierAction.SUBMIT]: allOf(documentsAttached, supplementsConfirmed),
  [DossierAction.FORWARD]: allOf(beforeDeadline, mandatoryConfirmed),
  [DossierAction.CONCLUDE_EVALUATION]: councilComplete,
  [DossierAction.RECORD_RECOGNITION]: provinceStars,
  [DossierAction.PROPOSE_TO_CENTRAL]: centralThreshold,
  [DossierAction.RECORD_SAMPLES]: samplesAsked,
};

/** What the guards of an action look at, read in the action's transaction. */
export async function guardFacts(m: EntityManager, d: Dossier, ctx: RequestScope): Promise<GuardFacts> {
  const [round, documents, { rules, criteriaSet }, sheets] = await Promise.all([
    m.findOneByOrFail(EvaluationRound, { id: d.roundId }),
    m.findBy(DossierDocument, { dossierId: d.id }),
    rulesOfSet(m, d, ctx),
    m.countBy(ScoreSheet, { dossierId: d.id }),
  ]);
  return {
    now: ctx.now,
    round,
    documents,
    rules,
    criteriaSet,
    sheets,
  };
}

/** The dossier's rule set and its product set's criteria sheet number, read in the transaction. */
export async function rulesOfSet(
  m: EntityManager,
  d: Dossier,
  ctx: RequestScope,
): Promise<{ rules: RuleSet; criteriaSet: number | null }> {
  const [all, category] = await Promise.all([
    allRuleSets(m),
    m
      .createQueryBuilder(Category, "c")
      .innerJoin(Product, "p", "p.categoryCode = c.code")
      .where("p.id = :id", { id: d.productId })
      .getOne(),
  ]);
  return { rules: rulesOfDossier(all, d, ctx.today), criteriaSet: category?.criteriaSet ?? null };
}

/** The same facts through the request's loaders (for allowedActions on a page of dossiers: batched). */
export async function loadedGuardFacts(ctx: RequestScope, d: Dossier): Promise<GuardFacts> {
  const [round, documents, all, criteriaSet, sheets] = await Promise.all([
    ctx.loaders.round.load(d.roundId),
    ctx.loaders.documentsByDossier.load(d.id),
    ctx.loaders.ruleSets(),
    criteriaSetOf(ctx, d),
    ctx.loaders.scoreSheetsByDossier.load(d.id),
  ]);
  return {
    now: ctx.now,
    round: round!,
    documents,
    rules: rulesOfDossier(all, d, ctx.today),
    criteriaSet,
    sheets: sheets.length,
  };
}

/** The criteria sheet number of the dossier's product set, through the request's loaders. */
export async function criteriaSetOf(ctx: RequestScope, d: Dossier): Promise<number | null> {
  const product = await ctx.loaders.product.load(d.productId);
  const tree = await ctx.loaders.categoryTree.load("all");
  return (product && tree.byCode.get(product.categoryCode)?.criteriaSet) ?? null;
}
