import { AsyncLocalStorage } from "node:async_hooks";
import { FIELDS } from "./fields";
import { label, type EnumName, type Lang } from "./labels";
import { EN } from "./messages.en";
import { VI } from "./messages.vi";

export type MessageKey = keyof typeof EN;

/**
 * Every message a client can be shown, in one catalogue per language (messages.en.ts, messages.vi.ts).
 * Keys are stable; `{name}` takes a parameter. A parameter that is an enum value is shown by its label
 * ("Phiếu đăng ký sản phẩm", never REGISTRATION_FORM), and `{field}` by the field's name in the officer's
 * words (fields.ts).
 */
export const CATALOGUE: Record<Lang, Record<MessageKey, string>> = { en: EN, vi: VI };

export type EnumRef = { enum: EnumName; value: string };
export type Param = string | number | EnumRef | EnumRef[];
export type Params = Record<string, Param>;

/** An enum value as a message parameter: shown by its label in the reader's language. */
export const enumRef = (enumName: EnumName, value: string): EnumRef => ({ enum: enumName, value });
export const enumRefs = (enumName: EnumName, values: readonly string[]): EnumRef[] =>
  values.map((v) => enumRef(enumName, v));

/** The last part of a path ("input.violations.0.description" → "description") in the reader's words. */
export const fieldLabel = (lang: Lang, path: string) => {
  const last =
    path
      .split(".")
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? path;
  return FIELDS[lang][last] ?? last;
};

export function render(lang: Lang, key: MessageKey, params: Params = {}): string {
  const text = (p: Param): string =>
    Array.isArray(p)
      ? p.map(text).join(", ")
      : typeof p === "object"
        ? label(lang, p.enum, p.value)
        : String(p);
  return CATALOGUE[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    return name === "field" ? fieldLabel(lang, text(params.field)) : text(params[name]);
  });
}

/**
 * The language of the current request: the one Accept-Language prefers among vi and en; without one,
 * Vietnamese for staff (a request with a token, or a mutation) and English for the public catalog.
 */
export type RequestLanguage = { asked: Lang | null; staff: boolean };
const requestLanguage = new AsyncLocalStorage<RequestLanguage>();

export const withLanguage = <T>(language: RequestLanguage, run: () => T): T =>
  requestLanguage.run(language, run);
export const markStaffRequest = () => {
  const current = requestLanguage.getStore();
  if (current) current.staff = true;
};
/** The language the request's Accept-Language asked for (vi or en), null when it asked for neither. */
export const askedLanguage = (): Lang | null => requestLanguage.getStore()?.asked ?? null;

export function currentLang(): Lang {
  const current = requestLanguage.getStore();
  if (!current) return "en";
  return current.asked ?? (current.staff ? "vi" : "en");
}
