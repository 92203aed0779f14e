import {
  ArrayMaxSize,
  IsOptional,
  Matches,
  MaxLength,
  validate,
  ValidateBy,
  type ValidationError,
} from "class-validator";
import { AppError, badInput, ErrorCode } from "./errors";
import { isLocalDate, type LocalDate } from "./time";
import type { Lang } from "../i18n/labels";
import { currentLang, render, type MessageKey } from "../i18n/messages";

/**
 * Shape rules of inputs, in one place: every text field of an input class declares its maximum length
 * (within its column), whether it is required (not blank) and whether it may span lines; lists declare
 * their cap. A violation is BAD_USER_INPUT naming the field (see `validationProblems`), checked before
 * any resolver runs, so nothing is written.
 */

/** C0 control characters other than tab and line breaks, and DEL: never part of a name or a note. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Characters that make a name read other than it is: bidirectional overrides and isolates (a label's
 * "‮gnp.exe" trick), and lone surrogates (not text at all).
 */
const DECEPTIVE =
  /[\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isDeceptiveText = (v: string) => DECEPTIVE.test(v);

/** Blank as a reader sees it: nothing left once spaces and invisible format characters are taken out. */
export const isBlankText = (v: string) => v.replace(/[\p{Cf}\p{Z}\s]/gu, "") === "";

export type TextRules = { optional?: boolean; multiline?: boolean };

export function Text(
  max: number,
  { optional = false, multiline = false }: TextRules = {},
): PropertyDecorator {
  return (target, key) => {
    const field = String(key);
    if (optional) IsOptional()(target, key);
    ValidateBy({
      name: "text",
      validator: {
        validate: (v: unknown) => typeof v === "string",
        defaultMessage: () => `${field} must be text`,
      },
    })(target, key);
    if (!optional) {
      ValidateBy({
        name: "notBlank",
        validator: {
          validate: (v: unknown) => typeof v === "string" && !isBlankText(v),
          defaultMessage: () => `${field} is required`,
        },
      })(target, key);
    }
    ValidateBy({
      name: "noControlCharacters",
      validator: {
        validate: (v: unknown) => typeof v !== "string" || !CONTROL.test(v),
        defaultMessage: () => `${field} contains control characters`,
      },
    })(target, key);
    ValidateBy({
      name: "deceptiveText",
      validator: {
        validate: (v: unknown) => typeof v !== "string" || !isDeceptiveText(v),
        defaultMessage: () => `${field} contains direction overrides or broken characters`,
      },
    })(target, key);
    if (!multiline) {
      ValidateBy({
        name: "singleLine",
        validator: {
          validate: (v: unknown) => typeof v !== "string" || !/[\r\n]/.test(v),
          defaultMessage: () => `${field} must be on one line`,
        },
      })(target, key);
    }
    MaxLength(max, { message: `${field} may be at most ${max} characters`, context: { max } })(target, key);
  };
}

/** A phone number as staff and import files write it. */
export const PHONE = /^[0-9 +().-]{6,30}$/;

/** An optional phone number of an input. */
export const Phone = (): PropertyDecorator => (target, key) => {
  IsOptional()(target, key);
  Matches(PHONE, { message: `${String(key)} must be 6 to 30 digits, spaces or + ( ) . -` })(target, key);
};

/** At most LIST_CAP values in a filter list or an id list: more is refused, never cut. */
export const LIST_CAP = 100;
export const ListCap = (max = LIST_CAP): PropertyDecorator =>
  ArrayMaxSize(max, {
    message: ({ property }) => `${property} may list at most ${max} values`,
    context: { max },
  });

export type Problem = { field: string; message: string };

/** The catalogue's message for each kind of constraint; others say what class-validator said. */
const CONSTRAINT_MESSAGES: Record<string, MessageKey> = {
  text: "field.text",
  notBlank: "field.required",
  noControlCharacters: "field.control",
  deceptiveText: "field.deceptive",
  singleLine: "field.singleLine",
  maxLength: "field.maxLength",
  arrayMaxSize: "field.listCap",
  isEmail: "field.email",
  isUrl: "field.url",
  matches: "field.format",
  min: "field.range",
  max: "field.range",
  isIn: "field.range",
};

/** class-validator's nested errors as flat field paths ("violations.0.description") with their messages in `lang`. */
export function validationProblems(errors: readonly ValidationError[], lang: Lang, prefix = ""): Problem[] {
  return errors.flatMap((e) => {
    const field = `${prefix}${e.property}`;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, detail]) => ({
      field,
      message: render(lang, CONSTRAINT_MESSAGES[constraint] ?? "field.invalid", {
        field,
        detail,
        ...((e.contexts?.[constraint] ?? {}) as Record<string, number>),
      }),
    }));
    return [...own, ...validationProblems(e.children ?? [], lang, `${field}.`)];
  });
}

/**
 * The same shape rules for a REST route (a report's query string) as GraphQL applies to its arguments:
 * BAD_USER_INPUT naming the fields, in the request's language.
 */
export async function checkShape<T extends object>(args: T): Promise<T> {
  const errors = await validate(args, {
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
  });
  if (errors.length) {
    const problems = validationProblems(errors, currentLang());
    const detail = problems.map((p) => p.message).join(" ");
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      "field.problems",
      { detail },
      { field: problems[0].field, problems },
    );
  }
  return args;
}

/** A date that must not be after today (a decision, a notice, an inspection): BAD_USER_INPUT naming the field. */
export function requireNotFuture(date: LocalDate, today: LocalDate, argument: string): void {
  if (!isLocalDate(date) || date > today) throw badInput("field.notFuture", argument);
}
