import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn, type EntityManager } from "typeorm";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";

@ObjectType({ description: "The lowest average points of a star level." })
export class StarBand {
  @Field(() => Int)
  stars: number;

  @Field(() => Int)
  minPoints: number;
}

@ObjectType({ description: "A ground on which a certificate may be revoked under the rule set." })
export class RevocationGround {
  @Field({ description: "Stable code, cited by recommendations and revocations." })
  code: string;

  @Field({ description: "The ground's wording (Vietnamese), as its source gives it." })
  text: string;

  @Field({
    description:
      "Where the ground comes from: the decision and article where known, otherwise \"provincial working list\" (the province's own wording, not a decision's).",
  })
  source: string;
}

@ObjectType({ description: "The product samples a dossier brings to the evaluation under the rule set." })
export class ProductSamplesRule {
  @Field(() => Int, { description: "Units of the product every product set brings, but those listed." })
  count: number;

  @Field(() => [Int], {
    description: "Criteria sets (sheet numbers) that bring none: community tourism (26).",
  })
  exceptCriteriaSets: number[];

  @Field({ description: "Where the figure comes from." })
  source: string;
}

@ObjectType({
  description: "The commune's own papers a dossier needs before it is forwarded to the province.",
})
export class ForwardingDocumentsRule {
  @Field(() => [String], { description: "Document kinds (COMMUNE_REPORT, COMMUNE_REQUEST_LETTER)." })
  kinds: string[];

  @Field({ description: "Where the requirement comes from." })
  source: string;
}

/** The commune's local criteria (Decision 1489) and the sheet criteria they grade, found by title. */
export type LocalCriterionRule = {
  key: "localOrigin" | "localLabour" | "ideaOrigin" | "localIdentity";
  /** A sheet criterion whose title (after its letter) starts with one of these is the one graded. */
  criterionTitles: string[];
};

/**
 * The rules of the OCOP programme in force from a date. Decisions replace each other
 * (1048/2019 → 148/2023 → 1489/2025), so they are data with an effective date (loaded from
 * reference/rule-sets/*.json), never constants in code; a dossier records the version it was evaluated under.
 */
@Entity()
@ObjectType({ description: "A version of the OCOP rules, in force from effectiveFrom until the next one." })
export class RuleSet {
  @PrimaryColumn({ type: "varchar", length: 100 })
  @Field()
  version: string;

  @Column({ type: "date", unique: true })
  @Field(() => LocalDateScalar)
  effectiveFrom: LocalDate;

  @Column({ type: "int" })
  @Field(() => Int, { description: "A certificate is valid this many months from the recognition decision." })
  certificateValidityMonths: number;

  @Column({ type: "int" })
  @Field(() => Int, { description: "The producer must be told at least this many days before expiry." })
  expiryNoticeDays: number;

  @Column({ type: "int" })
  @Field(() => Int)
  minCouncilSize: number;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Dossiers averaging at least this go to the Ministry for 5 stars." })
  centralProposalMinPoints: number;

  /** Lowest average points of each star level, highest first. */
  @Column({ type: "simple-json" })
  @Field(() => [StarBand])
  starBands: StarBand[];

  @Column({ type: "int", nullable: true })
  @Field(() => Int, {
    nullable: true,
    description:
      "When members' totals differ by more than this, the evaluation cannot be concluded (SCORE_SPREAD).",
  })
  maxScoreSpread: number | null;

  /** The folder under reference/ holding this version's criteria sheets (set-NN.csv, corrections.csv). */
  @Column({ type: "varchar", length: 100, nullable: true })
  criteriaSheets: string | null;

  /** The documents a dossier of each kind needs before it is submitted. */
  @Column({ type: "simple-json", nullable: true })
  documents: Record<DossierKindName, string[]> | null;

  /** The commune's own papers a dossier needs, beside its kind's documents, before it is forwarded. */
  @Column({ type: "simple-json", nullable: true })
  @Field(() => ForwardingDocumentsRule, { nullable: true })
  forwardingDocuments: ForwardingDocumentsRule | null;

  @Column({ type: "simple-json", nullable: true })
  localCriteria: LocalCriterionRule[] | null;

  @Column({ type: "simple-json", nullable: true })
  @Field(() => [RevocationGround])
  revocationGrounds: RevocationGround[] | null;

  @Column({ type: "simple-json", nullable: true })
  @Field(() => ProductSamplesRule, { nullable: true })
  productSamples: ProductSamplesRule | null;

  /** Who revokes a certificate, by who issued it (PROVINCE, DISTRICT, CENTRAL → PROVINCE or MINISTRY). */
  @Column({ type: "simple-json", nullable: true })
  revocationAuthority: Record<string, "PROVINCE" | "MINISTRY"> | null;

  /** Which level may recognise which stars (the import checks older certificates against it), each with its source. */
  @Column({ type: "simple-json", nullable: true })
  issuingLevels: IssuingLevelRule[] | null;
}

/** A level (PROVINCE, DISTRICT, CENTRAL) may recognise these stars, by decisions dated before `before` if given. */
export type IssuingLevelRule = { level: string; stars: number[]; before?: string; source: string };

/**
 * Whether the rules let a level recognise these stars on that date: "ok", or why not ("stars": not this
 * level's; "ended": the level no longer recognised anything then). Rules without the data allow everything.
 */
export function issuingLevelAllows(
  rules: Pick<RuleSet, "issuingLevels">,
  level: string,
  stars: number,
  decisionDate: LocalDate,
): "ok" | "stars" | "ended" {
  if (!rules.issuingLevels) return "ok";
  const rule = rules.issuingLevels.find((r) => r.level === level);
  if (!rule) return "ended";
  if (rule.before && decisionDate >= rule.before) return "ended";
  return rule.stars.includes(stars) ? "ok" : "stars";
}

type DossierKindName = "NEW" | "RE_EVALUATION" | "UPGRADE";

/** The rule set in force on a date (the earliest one for dates before any). */
export async function ruleSetOn(manager: EntityManager, date: LocalDate): Promise<RuleSet> {
  return ruleSetIn(await manager.find(RuleSet, { order: { effectiveFrom: "ASC" } }), date);
}

/** Of rule sets in date order, the one in force on a date (the earliest one for dates before any). */
export function ruleSetIn(all: RuleSet[], date: LocalDate): RuleSet {
  if (all.length === 0) throw new Error("no rule set is loaded (reference/rule-sets/)");
  return all.filter((r) => r.effectiveFrom <= date).at(-1) ?? all[0];
}

/**
 * Stars by the rule set: the highest band whose points the average reaches and, from 3 stars up, whose
 * mandatory criteria are met (`mandatoryStarsMet`: the highest level all of whose mandatory criteria are met).
 */
export function starsFor(
  rules: Pick<RuleSet, "starBands">,
  average: number,
  mandatoryStarsMet: number,
): number {
  const band = [...rules.starBands]
    .sort((a, b) => b.stars - a.stars)
    .find((b) => average >= b.minPoints && (b.stars < 3 || mandatoryStarsMet >= b.stars));
  return band?.stars ?? 0;
}
