import { leanMany } from "./lean";
import { type ClassType, Directive, Field, Int, ObjectType } from "type-graphql";
import { Brackets, type SelectQueryBuilder } from "typeorm";
import { INHERIT_CACHE } from "./cache";
import { type CursorCodec, PageInfo } from "./connection";

/**
 * A Relay connection type for a node type: edges with cursors, pageInfo, and totalCount, which is counted
 * only when a client asks for it. With `publicCache`, its wrappers are as cacheable as the field returning
 * them (public lists); staff answers are never cached.
 */
export function connectionOf<T extends object>(
  Node: ClassType<T>,
  name: string,
  description: string,
  {
    publicCache = false,
    boundedCount,
  }: {
    publicCache?: boolean;
    /** The description of a totalCountIsLowerBound field, for a list whose count may stop at a cap. */
    boundedCount?: string;
  } = {},
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

    countIsLowerBound?: () => Promise<boolean>;

    async totalCountIsLowerBound(): Promise<boolean> {
      return (await this.countIsLowerBound?.()) ?? false;
    }
  }
  if (boundedCount) {
    const method = Object.getOwnPropertyDescriptor(Connection.prototype, "totalCountIsLowerBound")!;
    Field(() => Boolean, { description: boundedCount })(
      Connection.prototype,
      "totalCountIsLowerBound",
      method,
    );
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
    /** Names the list and its sort in the cursor, so that a cursor of another list or sort is refused. */
    tag: readonly unknown[];
    /** The sort key is a number (else a string). */
    numeric?: boolean;
    first: number;
    after: string | null | undefined;
    cursors: CursorCodec;
    countTotal: () => Promise<number>;
  },
): Promise<Page<T>> {
  const dir = args.direction ?? "ASC";
  const column = `${args.alias}.${args.sortKey}`;
  const after = args.after ? args.cursors.decodeKeyset(args.after, args.tag, args.numeric ?? false) : null;
  qb.orderBy(column, dir)
    .addOrderBy(`${args.alias}.id`, dir)
    .take(args.first + 1);
  if (after) {
    const cmp = dir === "ASC" ? ">" : "<";
    qb.andWhere(`${column} ${cmp}= :afterValue`, { afterValue: after.value }).andWhere(
      new Brackets((b) =>
        b
          .where(`${column} ${cmp} :afterValue`)
          .orWhere(`${args.alias}.id ${cmp} :afterId`, { afterId: after.id }),
      ),
    );
  }
  const rows = await leanMany(qb);
  const edges = rows
    .slice(0, args.first)
    .map((node) => ({ node, cursor: args.cursors.encodeKeyset(args.tag, node[args.sortKey], node.id) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null },
    countTotal: args.countTotal,
  };
}
