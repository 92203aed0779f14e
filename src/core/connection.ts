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
 * Opaque keyset cursors: the list's tag, then the sort key and id of the last row. They are validated,
 * not signed: a cursor only says where a list the viewer may read goes on, so it needs no secret, and
 * portals' and offline apps' stored cursors survive a restart and a rotation of JWT_SECRET. A cursor
 * that is not one (wrong list or sort, wrong types, malformed) is BAD_USER_INPUT, never a guess.
 */
export class CursorCodec {
  encode(payload: unknown[]): string {
    return Buffer.from(JSON.stringify(payload)).toString("base64url");
  }

  decode(cursor: string): unknown[] {
    const invalid = () => badInput("field.cursor", "after");
    if (cursor.length > 500) throw invalid();
    // Cursors from before were signed ("body.signature"): they still read, the signature ignored.
    const [body, signature, extra] = cursor.split(".");
    if (!body || extra !== undefined || (signature !== undefined && !/^[\w-]{16}$/.test(signature)))
      throw invalid();
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
    const [value, id] = this.decodeTuple(cursor, tag, [numeric ? "number" : "string", "number"]);
    return { value: value as string | number, id: id as number };
  }

  /**
   * The values after the tag of a cursor of several sort keys, refused (BAD_USER_INPUT) unless it was made
   * for this list and sort (the same tag) and each value has its type (a number is an integer).
   */
  decodeTuple(cursor: string, tag: readonly unknown[], types: readonly ("number" | "string")[]): unknown[] {
    const parts = this.decode(cursor);
    const values = parts.slice(tag.length);
    if (
      parts.length !== tag.length + types.length ||
      tag.some((t, i) => parts[i] !== t) ||
      values.some((v, i) => (types[i] === "number" ? !Number.isInteger(v) : typeof v !== "string"))
    )
      throw badInput("field.cursor", "after");
    return values;
  }
}

/** Lists that are not paged (worklists, reports) stop at this many rows. */
export const UNPAGED_LIST_MAX = 5000;
