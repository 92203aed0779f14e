import { Arg, Ctx, Directive, ID, Query, Resolver } from "type-graphql";
import { PUBLIC_CACHE } from "../core/cache";
import { badInput } from "../core/errors";
import { fromGlobalId, Node } from "../core/node";
import type { Context } from "../context";
import { isListed } from "./product.entity";

/** At most this many ids in one nodes(ids:). */
export const NODES_MAX = 100;

/**
 * What the public may see under a global id, as the direct queries answer it: a product while it holds an
 * active certificate (product(slug)), a producer with one (producer(id)), any certificate
 * (certificate(number)), every commune and category, a photo or point of sale of a listed product. Null for
 * anything else, a malformed id included: an id a client kept may name something that left the catalog.
 */
async function publicNode(ctx: Context, id: string): Promise<object | null> {
  const named = fromGlobalId(id);
  if (!named) return null;
  const { type, key } = named;
  if (type === "Commune") return ctx.loaders.commune.load(key);
  if (type === "Category") return (await ctx.loaders.categoryTree.load("all")).byCode.get(key) ?? null;
  const n = Number(key);
  if (!/^\d{1,10}$/.test(key) || !Number.isSafeInteger(n)) return null;
  const listed = async (productId: number) => {
    const product = await ctx.loaders.product.load(productId);
    return product && isListed(product, ctx.today) ? product : null;
  };
  switch (type) {
    case "Product":
      return listed(n);
    case "Producer":
      return (await ctx.loaders.activeProductsByProducer.load(n)).length
        ? ctx.loaders.producer.load(n)
        : null;
    case "Certificate":
      return ctx.loaders.certificate.load(n);
    case "ProductImage": {
      const image = await ctx.loaders.image.load(n);
      return image && (await listed(image.productId)) ? image : null;
    }
    case "PointOfSale": {
      const place = await ctx.loaders.pointOfSale.load(n);
      return place && (await listed(place.productId)) ? place : null;
    }
  }
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description:
      "Any public object by its global id (Relay): what product(slug), producer(id), certificate(number), communes and categories answer; null for an id that names nothing the public may see (a product without an active certificate, an unknown or malformed id).",
  })
  @Directive(PUBLIC_CACHE)
  node(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<object | null> {
    return publicNode(ctx, id);
  }

  @Query(() => [Node], {
    nullable: "items",
    description: `Several objects by global id, in the order of \`ids\` (at most ${NODES_MAX}); null where node(id:) would be null.`,
    complexity: ({ args, childComplexity }) =>
      1 + Math.min((args.ids as unknown[] | undefined)?.length ?? 0, NODES_MAX) * childComplexity,
  })
  @Directive(PUBLIC_CACHE)
  nodes(@Ctx() ctx: Context, @Arg("ids", () => [ID]) ids: string[]): Promise<(object | null)[]> {
    if (ids.length > NODES_MAX) throw badInput("field.listCap", "ids", { max: NODES_MAX });
    return Promise.all(ids.map((id) => publicNode(ctx, id)));
  }
}
