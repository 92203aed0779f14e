import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn, type EntityManager } from "typeorm";
import { LocalDateScalar } from "../core/scalars";
import type { LocalDate } from "../core/time";

export type StarBand = { stars: number; minPoints: number };

/**
 * The rules of the OCOP programme in force from a date. Decisions replace each other
 * (1048/2019 → 148/2023 → 1489/2025), so they are data with an effective date (loaded from
 * reference/rule-sets.json), never constants in code; a dossier records the version it was evaluated under.
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
  starBands: StarBand[];
}

/** The rule set in force on a date (the earliest one for dates before any). */
export async function ruleSetOn(manager: EntityManager, date: LocalDate): Promise<RuleSet> {
  return ruleSetIn(await manager.find(RuleSet, { order: { effectiveFrom: "ASC" } }), date);
}

/** Of rule sets in date order, the one in force on a date (the earliest one for dates before any). */
export function ruleSetIn(all: RuleSet[], date: LocalDate): RuleSet {
  if (all.length === 0) throw new Error("no rule set is loaded (reference/rule-sets.json)");
  return all.filter((r) => r.effectiveFrom <= date).at(-1) ?? all[0];
}

/**
 * Stars by the rule set: the highest band whose points the average reaches and whose mandatory criteria
 * the dossier meets (a level is met when more than half of the score sheets say so).
 */
export function starsFor(
  rules: Pick<RuleSet, "starBands">,
  average: number,
  mandatoryStarsMet: number[],
): number {
  const majorityMeets = (level: number) =>
    mandatoryStarsMet.filter((m) => m >= level).length * 2 > mandatoryStarsMet.length;
  const band = [...rules.starBands]
    .sort((a, b) => b.stars - a.stars)
    .find((b) => average >= b.minPoints && (b.stars < 3 || majorityMeets(b.stars)));
  return band?.stars ?? 0;
}
