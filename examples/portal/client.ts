import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import persistedQueries from "./generated/persisted-queries.json";
import {
  type ListedProductFragment,
  PortalCatalogChangesDocument,
  PortalCommuneProductsDocument,
  type PortalCommuneProductsQuery,
} from "./generated/graphql";

/** Each operation's text and SHA-256, generated with the typed documents (codegen.mjs). */
const PERSISTED: Record<string, { sha256Hash: string; query: string }> = persistedQueries;

/** An error the API answered: `code` is its stable extensions.code (BAD_USER_INPUT, …). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

type Answer = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };

/**
 * A typed client of the public catalog. Each query goes as a GET carrying only its hash (Apollo's automatic
 * persisted queries), which the API and any CDN in front of it answer from cache; the first time a server
 * does not know the hash, the text is sent once by POST. Results are typed by the generated documents.
 */
export class PortalClient {
  constructor(
    private readonly endpoint: string,
    private readonly language: "vi" | "en" = "vi",
  ) {}

  async query<Result, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Result, Variables>,
    variables: Variables,
  ): Promise<Result> {
    const definition = document.definitions[0];
    const name = definition.kind === "OperationDefinition" ? definition.name?.value : undefined;
    const persisted = name ? PERSISTED[name] : undefined;
    if (!name || !persisted)
      throw new Error("not an operation of operations.graphql: run npm run examples:codegen");
    const extensions = { persistedQuery: { version: 1, sha256Hash: persisted.sha256Hash } };
    const url = new URL(this.endpoint);
    url.searchParams.set("operationName", name);
    url.searchParams.set("variables", JSON.stringify(variables));
    url.searchParams.set("extensions", JSON.stringify(extensions));
    // A custom header: the API refuses GETs a browser could send across sites without one (CSRF).
    const headers = { "accept-language": this.language, "apollo-require-preflight": "true" };
    let answer = (await (await fetch(url, { headers })).json()) as Answer;
    if (answer.errors?.some((e) => e.extensions?.code === "PERSISTED_QUERY_NOT_FOUND")) {
      const response = await fetch(this.endpoint, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ operationName: name, query: persisted.query, variables, extensions }),
      });
      answer = (await response.json()) as Answer;
    }
    const [error] = answer.errors ?? [];
    if (error) throw new ApiError(error.message, error.extensions?.code);
    return answer.data as Result;
  }
}

/** Every listed product of a commune, best rated first, with its photos, following the keyset pages. */
export async function communeProducts(
  client: PortalClient,
  communeCode: string,
  pageSize = 50,
): Promise<ListedProductFragment[]> {
  const products: ListedProductFragment[] = [];
  let after: string | null = null;
  do {
    const { products: page }: PortalCommuneProductsQuery = await client.query(PortalCommuneProductsDocument, {
      communeCode,
      first: pageSize,
      after,
    });
    products.push(...page.edges.map((e) => e.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return products;
}

/**
 * An offline copy of the catalog, kept by the change feed: the first sync takes every listed product,
 * later ones only what changed (upserts replace by global id, removals delete). Keep `cursor` between runs.
 */
export class CatalogCopy {
  readonly products = new Map<string, ListedProductFragment & { commune: { code: string } }>();
  cursor: string | null = null;

  /** Applies the changes since the cursor; answers how many products were upserted and removed. */
  async sync(client: PortalClient): Promise<{ upserted: number; removed: number }> {
    let upserted = 0;
    let removed = 0;
    for (let more = true; more;) {
      const { catalogChanges: changes } = await client.query(PortalCatalogChangesDocument, {
        since: this.cursor,
        first: 100,
      });
      for (const product of changes.upserts) this.products.set(product.id, product);
      for (const gone of changes.removed) this.products.delete(gone.id);
      upserted += changes.upserts.length;
      removed += changes.removed.length;
      this.cursor = changes.cursor;
      more = changes.hasMore;
    }
    return { upserted, removed };
  }
}
