import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, print, type OperationDefinitionNode } from "graphql";

/** The operations clients send (copied from shared/contract into test/contract), by name. */
export const CONTRACT_DIR = join(__dirname, "..", "contract");

export const contractOperations: Map<string, string> = new Map(
  readdirSync(CONTRACT_DIR)
    .filter((f) => f.endsWith(".graphql"))
    .flatMap((f) => parse(readFileSync(join(CONTRACT_DIR, f), "utf8")).definitions)
    .filter((d): d is OperationDefinitionNode => d.kind === "OperationDefinition" && !!d.name)
    .map((d) => [d.name!.value, print(d)]),
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
