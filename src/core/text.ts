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
