import type { DataSource } from "typeorm";
import { AuditEvent } from "../audit/audit-event.entity";
import { manyBy, oneBy } from "../core/loaders";
import { allRuleSets } from "../rules/rule-book";
import type { RuleSet } from "../rules/rule-set.entity";
import { Dossier, DossierDocument, MandatoryFinding, ScoreSheet } from "./dossier.entity";
import { EvaluationRound } from "./round.entity";

/** Loaders of dossiers: one statement per relation, whatever the page size. */
export function createDossierLoaders(dataSource: DataSource) {
  const m = dataSource.manager;
  let ruleSets: Promise<RuleSet[]> | undefined;
  return {
    /** Every rule set, read once per request. */
    ruleSets: () => (ruleSets ??= allRuleSets(m)),
    round: oneBy<EvaluationRound, number>(m, EvaluationRound, "id"),
    dossier: oneBy<Dossier, number>(m, Dossier, "id"),
    document: oneBy<DossierDocument, number>(m, DossierDocument, "id"),
    documentsByDossier: manyBy<DossierDocument, number>(m, DossierDocument, "dossierId"),
    findingsByDossier: manyBy<MandatoryFinding, number>(m, MandatoryFinding, "dossierId"),
    scoreSheetsByDossier: manyBy<ScoreSheet, number>(m, ScoreSheet, "dossierId"),
    historyByDossier: manyBy<AuditEvent, number>(
      m,
      AuditEvent,
      "subjectId",
      { subjectType: "Dossier" },
      (e) => Number(e.subjectId),
      String,
    ),
  };
}
