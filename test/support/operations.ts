import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type DefinitionNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  parse,
  print,
  visit,
} from "graphql";

/** The operations clients send (copied from shared/contract into test/contract), by name. */
export const CONTRACT_DIR = join(__dirname, "..", "contract");

/** An operation's text with the fragments of its file that it spreads, directly or through another. */
function withFragments(operation: OperationDefinitionNode, definitions: readonly DefinitionNode[]): string {
  const fragments = new Map(
    definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === "FragmentDefinition")
      .map((d) => [d.name.value, d]),
  );
  const used = new Set<string>();
  const walk = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        if (used.has(spread.name.value)) return;
        used.add(spread.name.value);
        walk(fragments.get(spread.name.value)!);
      },
    });
  walk(operation);
  return [operation, ...[...used].map((name) => fragments.get(name)!)].map((d) => print(d)).join("\n\n");
}

export const contractOperations: Map<string, string> = new Map(
  readdirSync(CONTRACT_DIR)
    .filter((f) => f.endsWith(".graphql"))
    .flatMap((f) => {
      const { definitions } = parse(readFileSync(join(CONTRACT_DIR, f), "utf8"));
      return definitions
        .filter((d): d is OperationDefinitionNode => d.kind === "OperationDefinition" && !!d.name)
        .map((d): [string, string] => [d.name!.value, withFragments(d, definitions)]);
    }),
);

/** A contract operation's text by name. */
export const op = (name: string) => {
  const text = contractOperations.get(name);
  if (!text) throw new Error(`no contract operation ${name}`);
  return text;
};

export const CATALOG_PAGE = op("CatalogPage");
export const CATALOG_FACETS = op("CatalogFacets");
export const PRODUCT_DETAIL = op("ProductDetail");
export const COMMUNES = op("Communes");
export const CATEGORY_TREE = op("CategoryTree");
export const VERIFY_CERTIFICATE = op("VerifyCertificate");
export const PRODUCER_PAGE = op("ProducerPage");
export const LOGIN = op("Login");
export const ME = op("Me");
export const CREATE_USER = op("CreateUser");
