import { fold } from "../core/text";
import type { LocalDate } from "../core/time";
import { type Commune, CommuneKind } from "./commune.entity";

/** Words a unit's name may start with, folded, and the kind of unit they name ("thị trấn" no longer exists). */
const KIND_WORDS: [string, CommuneKind | "THI_TRAN"][] = [
  ["thi tran", "THI_TRAN"],
  ["dac khu", CommuneKind.DAC_KHU],
  ["phuong", CommuneKind.PHUONG],
  ["xa", CommuneKind.XA],
];

/** A name without the list's bracketed notes, spaces tidied. */
const withoutNotes = (name: string) =>
  name
    .replace(/\([^)]*\)/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** A unit's name as written, split into its kind word (if any) and the name proper, in two spellings. */
type SplitName = { kind: CommuneKind | "THI_TRAN" | null; exact: string; folded: string };

/**
 * "Xã Mường Tè (cũ)" → kind XA, "mường tè", "muong te". Notes in brackets are dropped; `exact` keeps the
 * marks (lower case) so that "Nậm Cha" and "Nậm Chà" stay apart, `folded` lets "nam cha" find either.
 */
export function splitUnitName(name: string): SplitName {
  const plain = withoutNotes(name.normalize("NFC"));
  const folded = fold(plain);
  for (const [word, kind] of KIND_WORDS) {
    if (folded.startsWith(`${word} `)) {
      const wordCount = word.split(" ").length;
      return {
        kind,
        exact: plain.split(" ").slice(wordCount).join(" ").toLowerCase(),
        folded: folded.slice(word.length + 1),
      };
    }
  }
  return { kind: null, exact: plain.toLowerCase(), folded };
}

/** The names a unit had before the 1 July 2025 merger, without the list's notes ("(cũ)", "(giữ nguyên)"). */
export function formerNames(commune: Pick<Commune, "mergedFrom">): string[] {
  return [...new Set(commune.mergedFrom.map(withoutNotes).filter(Boolean))];
}

/** The day the 2025 merger of communes took effect (and districts ended): older papers name older units. */
export const MERGER_DATE: LocalDate = "2025-07-01";

export type CommuneMatch =
  | { commune: Commune; formerUnit?: true }
  | { ambiguous: Commune[] }
  | { needsDate: { current: Commune; former: Commune[] } }
  | { unknown: true };

/**
 * Finds the unit a spreadsheet or an officer means: a five-digit code; else a current name ("Xã Bình Lư",
 * "Bình Lư"); else a former name that the merger folded into one unit ("Thị trấn Tam Đường" → Bình Lư).
 * Spelled with marks first, then without; a current name wins over a former one. A name that fits
 * several units is ambiguous and answers them all, never a guess.
 */
export class CommuneNames {
  private readonly entries: { commune: Commune; name: SplitName; current: boolean }[];

  constructor(private readonly communes: Commune[]) {
    this.entries = communes.flatMap((commune) => [
      { commune, name: { ...splitUnitName(commune.name), kind: commune.kind }, current: true },
      ...formerNames(commune).map((n) => ({ commune, name: splitUnitName(n), current: false })),
    ]);
  }

  /**
   * `decidedOn`, for a name on a dated paper: where the name is today's unit and was also a former unit
   * now inside another, a date before the merger means the former unit (`formerUnit`), and no date
   * (null) cannot decide (`needsDate`). Without it, today's unit wins.
   */
  resolve(given: string, decidedOn?: LocalDate | null): CommuneMatch {
    const text = given.trim();
    if (/^\d{5}$/.test(text)) {
      const commune = this.communes.find((c) => c.code === text);
      return commune ? { commune } : { unknown: true };
    }
    const wanted = splitUnitName(text);
    if (!wanted.folded) return { unknown: true };
    for (const spelling of ["exact", "folded"] as const) {
      const unitsNamed = (current: boolean) => [
        ...new Set(
          this.entries
            .filter(
              (e) =>
                e.current === current &&
                e.name[spelling] === wanted[spelling] &&
                (wanted.kind === null || e.name.kind === null || e.name.kind === wanted.kind),
            )
            .map((e) => e.commune),
        ),
      ];
      const [now, before] = [unitsNamed(true), unitsNamed(false)];
      if (now.length === 1) {
        const elsewhere = before.filter((c) => c !== now[0]);
        if (decidedOn === undefined || elsewhere.length === 0) return { commune: now[0] };
        if (decidedOn === null) return { needsDate: { current: now[0], former: elsewhere } };
        if (decidedOn >= MERGER_DATE) return { commune: now[0] };
        return elsewhere.length === 1
          ? { commune: elsewhere[0], formerUnit: true }
          : { ambiguous: elsewhere };
      }
      if (now.length > 1) return { ambiguous: now };
      if (before.length === 1) return { commune: before[0] };
      if (before.length > 1) return { ambiguous: before };
    }
    return { unknown: true };
  }

  /**
   * Units whose current or former name contains the words of the text (folded, in order), those found by
   * their current name first, then in official order.
   */
  search(text: string): Commune[] {
    const wanted = splitUnitName(text).folded;
    if (!wanted) return [];
    const score = new Map<Commune, number>();
    for (const e of this.entries) {
      if (!` ${e.name.folded} `.includes(` ${wanted}`)) continue;
      const rank = e.current ? 0 : 1;
      score.set(e.commune, Math.min(score.get(e.commune) ?? rank, rank));
    }
    return [...score]
      .sort(
        ([a, ra], [b, rb]) =>
          ra - rb || a.provinceCode.localeCompare(b.provinceCode) || a.position - b.position,
      )
      .map(([c]) => c);
  }
}
