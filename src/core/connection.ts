import { createHmac, timingSafeEqual } from "node:crypto";
import { type ClassType, Directive, Field, Int, ObjectType } from "type-graphql";
import { Brackets, type SelectQueryBuilder } from "typeorm";
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

  private sign(body: string): string {
    return createHmac("sha256", this.secret).update(`cursor:${body}`).digest("base64url").slice(0, 16);
  }
}

/**
 * A Relay connection type for a node type: edges with cursors, pageInfo, and totalCount, which is counted
 * only when a client asks for it. With `publicCache`, its wrappers are as cacheable as the field returning
 * them (public lists); staff answers are never cached.
 */
export function connectionOf<T extends object>(
  Node: ClassType<T>,
  name: string,
  description: string,
  { publicCache = false } = {},
) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => Node)
    node: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class Connection {
    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => [Edge], { complexity: ({ childComplexity }) => childComplexity })
    edges: Edge[];

    countTotal: () => Promise<number>;

    @Field(() => Int, { description: "How many match the filter in all." })
    totalCount(): Promise<number> {
      return this.countTotal();
    }
  }
  if (publicCache) {
    Directive(INHERIT_CACHE)(Edge);
    Directive(INHERIT_CACHE)(Connection);
  }
  return Connection;
}

export type Page<T> = {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  countTotal: () => Promise<number>;
};

/**
 * One keyset page: rows after the cursor's (sort key, id), in (sort key, id) order, `first` of them, with
 * the next cursor. The range is written so that an index on (sort key, id) serves it.
 */
export async function keysetPage<T extends { id: number }>(
  qb: SelectQueryBuilder<T>,
  args: {
    alias: string;
    sortKey: keyof T & string;
    direction?: "ASC" | "DESC";
    first: number;
    after: { value: string | number; id: number } | null;
    encode: (node: T) => string;
    countTotal: () => Promise<number>;
  },
): Promise<Page<T>> {
  const dir = args.direction ?? "ASC";
  const column = `${args.alias}.${args.sortKey}`;
  qb.orderBy(column, dir)
    .addOrderBy(`${args.alias}.id`, dir)
    .take(args.first + 1);
  if (args.after) {
    const cmp = dir === "ASC" ? ">" : "<";
    qb.andWhere(`${column} ${cmp}= :afterValue`, { afterValue: args.after.value }).andWhere(
      new Brackets((b) =>
        b
          .where(`${column} ${cmp} :afterValue`)
          .orWhere(`${args.alias}.id ${cmp} :afterId`, { afterId: args.after!.id }),
      ),
    );
  }
  const rows = await qb.getMany();
  const edges = rows.slice(0, args.first).map((node) => ({ node, cursor: args.encode(node) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null },
    countTotal: args.countTotal,
  };
}

/** Lists that are not paged (worklists, reports) stop at this many rows. */
export const UNPAGED_LIST_MAX = 5000;
