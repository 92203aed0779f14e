import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { AuditEvent } from "../audit/audit-event.entity";
import { User } from "../auth/user.entity";
import { ExpiryNotice } from "../certificates/expiry-notice.entity";
import { Violation } from "../oversight/oversight.entity";
import { StoredFile } from "../files/stored-file.entity";
import { DossierDocument, EvaluationRound, ScoreSheet } from "./dossier.entity";

function grouped<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const r of rows) map.set(keyOf(r), [...(map.get(keyOf(r)) ?? []), r]);
  return keys.map((k) => map.get(k) ?? []);
}

/** Loaders of the staff side (dossiers, certificates' notices, inspections): one statement per relation, whatever the page size. */
export function createStaffLoaders(dataSource: DataSource) {
  const m = dataSource.manager;
  return {
    round: new DataLoader<number, EvaluationRound | null>(async (ids) => {
      const rows = await m.find(EvaluationRound, { where: { id: In([...ids]) } });
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }),
    user: new DataLoader<number, User | null>(async (ids) => {
      const rows = await m.find(User, { where: { id: In([...ids]) } });
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }),
    documentsByDossier: new DataLoader<number, DossierDocument[]>(async (ids) =>
      grouped(
        ids,
        await m.find(DossierDocument, { where: { dossierId: In([...ids]) }, order: { id: "ASC" } }),
        (d) => d.dossierId,
      ),
    ),
    scoreSheetsByDossier: new DataLoader<number, ScoreSheet[]>(async (ids) =>
      grouped(
        ids,
        await m.find(ScoreSheet, { where: { dossierId: In([...ids]) }, order: { id: "ASC" } }),
        (s) => s.dossierId,
      ),
    ),
    historyByDossier: new DataLoader<number, AuditEvent[]>(async (ids) =>
      grouped(
        ids,
        await m.find(AuditEvent, {
          where: { subjectType: "Dossier", subjectId: In(ids.map(String)) },
          order: { id: "ASC" },
        }),
        (e) => Number(e.subjectId),
      ),
    ),
    expiryNotice: new DataLoader<number, ExpiryNotice | null>(async (ids) => {
      const rows = await m.find(ExpiryNotice, { where: { certificateId: In([...ids]) } });
      return ids.map((id) => rows.find((r) => r.certificateId === id) ?? null);
    }),
    file: new DataLoader<number, StoredFile | null>(async (ids) => {
      const rows = await m.find(StoredFile, { where: { id: In([...ids]) } });
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }),
    violationsByInspection: new DataLoader<number, Violation[]>(async (ids) =>
      grouped(
        ids,
        await m.find(Violation, { where: { inspectionId: In([...ids]) }, order: { id: "ASC" } }),
        (v) => v.inspectionId,
      ),
    ),
  };
}
