/** Vietnamese without tone and vowel marks, case kept ("Bình Lư" → "Binh Lu"): names for English pages. */
export function withoutMarks(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFC");
}

/**
 * Folds Vietnamese text for search: lower case, tone and vowel marks removed, đ → d, anything that is
 * not a letter or digit becomes a space. "Mật ong Pa Ủ" → "mat ong pa u".
 */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The distinct folded words of a text, in order of first appearance. */
export function words(text: string): string[] {
  const folded = fold(text);
  return folded === "" ? [] : [...new Set(folded.split(" "))];
}

/** Vowel marks (circumflex 6, horn 7, breve 8) and tones (sắc 1, huyền 2, hỏi 3, ngã 4, nặng 5), as VNI types them. */
const MARK_DIGITS: Record<string, { digit: string; tone: boolean }> = {
  "\u0302": { digit: "6", tone: false },
  "\u031b": { digit: "7", tone: false },
  "\u0306": { digit: "8", tone: false },
  "\u0301": { digit: "1", tone: true },
  "\u0300": { digit: "2", tone: true },
  "\u0309": { digit: "3", tone: true },
  "\u0303": { digit: "4", tone: true },
  "\u0323": { digit: "5", tone: true },
};

/**
 * A word with its marks kept, in ASCII: each letter followed by the digits of its marks, the vowel mark
 * before the tone ("trà" → "tra2", "trâu" → "tra6u", "đậu" → "d9a65u"), so that a prefix the visitor typed
 * with marks is a prefix of the word's form whatever the database's collation.
 */
export function markedWord(word: string): string {
  let out = "";
  let marks: { digit: string; tone: boolean }[] = [];
  const flush = () => {
    out += [...marks.filter((m) => !m.tone), ...marks.filter((m) => m.tone)].map((m) => m.digit).join("");
    marks = [];
  };
  for (const ch of word.toLowerCase().normalize("NFD")) {
    const mark = MARK_DIGITS[ch];
    if (mark) {
      marks.push(mark);
      continue;
    }
    if (ch !== "đ" && !/[a-z0-9]/.test(ch)) continue;
    flush();
    out += ch === "đ" ? "d9" : ch;
  }
  flush();
  return out;
}

/**
 * The distinct words of a text that carry marks, in their marked form (markedWord); words without any mark
 * are left out (their folded form says the same).
 */
export function markedWords(text: string): string[] {
  return [...new Set(typedWords(text).flatMap((w) => (w.marked === w.folded ? [] : [w.marked])))];
}

/** Each word of a text as typed, folded and marked (the two are equal when it carries no mark). */
export function typedWords(text: string): { folded: string; marked: string }[] {
  return text
    .normalize("NFC")
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => ({ folded: fold(w), marked: markedWord(w) }))
    .filter((w) => w.folded !== "" && w.marked !== "");
}

/** A URL slug from a Vietnamese name: "Mật ong Pa Ủ" → "mat-ong-pa-u". */
export function slugify(text: string): string {
  return fold(text).replace(/ /g, "-").slice(0, 120) || "san-pham";
}

/** The name's slug, with -2, -3… when `taken` already has it. */
export function freeSlug(name: string, taken: ReadonlySet<string>): string {
  const base = slugify(name);
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** Trimmed, or null when blank (lengths and blanks of required text are the input classes' rules). */
export const blankToNull = (value: string | null | undefined): string | null => value?.trim() || null;
