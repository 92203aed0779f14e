import { Field, ID, InterfaceType } from "type-graphql";

/** The public types with a global id (Relay's object identification), each keyed by its id or its code. */
export const NODE_TYPES = [
  "Product",
  "Producer",
  "Certificate",
  "Commune",
  "Category",
  "ProductImage",
  "PointOfSale",
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** A global id: the type and the key, base64url ("Product:12" → "UHJvZHVjdDoxMg"). Opaque to clients. */
export const globalId = (type: NodeType, key: string | number): string =>
  Buffer.from(`${type}:${key}`).toString("base64url");

/** The type and key a global id names, or null when it is not one (never throws: ids come from clients). */
export function fromGlobalId(id: string): { type: NodeType; key: string } | null {
  if (id.length > 100 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, "base64url").toString("utf8");
  const colon = text.indexOf(":");
  const type = text.slice(0, colon) as NodeType;
  const key = text.slice(colon + 1);
  if (colon < 1 || !NODE_TYPES.includes(type) || !key || globalId(type, key) !== id) return null;
  return { type, key };
}

@InterfaceType({
  description:
    "An object with a global id (Relay's object identification): refetch it with node(id:), and let a normalising cache key it by `id` alone.",
})
export abstract class Node {
  @Field(() => ID, { description: "Global id: unique across types, stable, opaque." })
  id: string;
}

/** The description of a node type's `id` field. */
export const NODE_ID = "Global id (unique across types; see Node). Give it wherever an id is asked for.";
