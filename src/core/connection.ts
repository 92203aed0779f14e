import { createHmac, timingSafeEqual } from "node:crypto";
import { Directive, Field, ObjectType } from "type-graphql";
import { INHERIT_CACHE } from "./cache";
import { badInput } from "./errors";

@ObjectType({ description: "Relay page information." })
@Directive(INHERIT_CACHE)
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: "Pass as `after` to get the next page." })
  endCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `first` as given, checked: 1 to 100, default 20. */
export function pageSize(first: number | null | undefined): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput("field.pageSize", "first", { max: MAX_PAGE_SIZE });
  }
  return first;
}

/**
 * Opaque keyset cursors: the sort key and id of the last row, signed so that a tampered cursor is
 * refused rather than silently paging from somewhere else.
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(payload: unknown[]): string {
    const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
    return `${body}.${this.sign(body)}`;
  }

  decode(cursor: string): unknown[] {
    const invalid = () => badInput("field.cursor", "after");
    if (cursor.length > 500) throw invalid();
    const [body, signature, extra] = cursor.split(".");
    if (!body || !signature || extra !== undefined) throw invalid();
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    try {
      const payload: unknown = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
      if (Array.isArray(payload)) return payload;
    } catch {
      /* falls through */
    }
    throw invalid();
  }

  /** A keyset cursor: the list's tag (which list, which sort), then the last row's sort key and id. */
  encodeKeyset(tag: readonly unknown[], value: unknown, id: number): string {
    return this.encode([...tag, value, id]);
  }

  /**
   * The sort key and id of a keyset cursor, refused (BAD_USER_INPUT) unless it was made for this list and
   * sort (the same tag) and its key has the sort's type.
   */
  decodeKeyset(
    cursor: string,
    tag: readonly unknown[],
    numeric: boolean,
  ): { value: string | number; id: number } {
    const parts = this.decode(cursor);
    const value = parts[tag.length];
    const id = parts[tag.length + 1];
    if (
      parts.length !== tag.length + 2 ||
      tag.some((t, i) => parts[i] !== t) ||
      !(numeric ? Number.isInteger(value) : typeof value === "string") ||
      !Number.isInteger(id)
    )
      throw badInput("field.cursor", "after");
    return { value: value as string | number, id: id as number };
  }

  private sign(body: string): string {
    return createHmac("sha256", this.secret).update(`cursor:${body}`).digest("base64url").slice(0, 16);
  }
}

/** Lists that are not paged (worklists, reports) stop at this many rows. */
export const UNPAGED_LIST_MAX = 5000;
