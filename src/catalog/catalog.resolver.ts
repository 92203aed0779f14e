import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Int,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { inViewerCommune } from "../auth/scope";
import { askedLanguage } from "../i18n/messages";
import { Language } from "../http/labels.resolver";
import { Certificate } from "../certificates/certificate.entity";
import { PUBLIC_CACHE } from "../core/cache";
import type { Context } from "../context";
import { pageComplexity } from "../http/limits";
import { Commune } from "../geography/commune.entity";
import { CommuneCount, ProductConnection, ProductFacets, ProductFilter, ProductSort } from "./catalog.types";
import { badInput } from "../core/errors";
import { Category } from "./category.entity";
import { CatalogChanges, DEFAULT_FEED_PAGE, MAX_FEED_PAGE } from "./change-feed";
import { Producer } from "./producer.entity";
import { Product } from "./product.entity";
import { ProductSuggestion, productSuggestions, SuggestionArgs, SUGGESTIONS_MAX } from "./suggestions";

@Resolver()
export class CatalogQueryResolver {
  @Query(() => [ProductSuggestion], {
    description:
      "For as-you-type: up to `first` (default and at most 10) product names, producers and communes of the public catalog that what was typed starts, best first. The prefix is text, never a pattern.",
  })
  @Directive(PUBLIC_CACHE)
  productSuggestions(
    @Ctx() ctx: Context,
    @Args() { prefix, first }: SuggestionArgs,
  ): Promise<ProductSuggestion[]> {
    return productSuggestions(ctx, prefix, first ?? SUGGESTIONS_MAX);
  }

  @Query(() => ProductConnection, {
    description:
      "Certified products (holding an ACTIVE certificate). Default order: RELEVANCE when filter.search is given, else NAME ASC, then id. `first` 1–100, default 20. `language` says which names rank first under RELEVANCE; left out, the request's Accept-Language (en or vi; else vi).",
    complexity: pageComplexity,
  })
  @Directive(PUBLIC_CACHE)
  async products(
    @Ctx() ctx: Context,
    @Arg("filter", () => ProductFilter, { nullable: true }) filter?: ProductFilter | null,
    @Arg("sort", () => ProductSort, { nullable: true }) sort?: ProductSort | null,
    @Arg("first", () => Int, { nullable: true }) first?: number | null,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
    @Arg("language", () => Language, { nullable: true }) language?: Language | null,
  ): Promise<ProductConnection> {
    return ctx.services.catalog.products(ctx, {
      filter,
      sort,
      first,
      after,
      language: language ?? (askedLanguage() === "en" ? Language.EN : Language.VI),
    });
  }

  @Query(() => ProductFacets, { description: "Multi-select facet counts for a filter sidebar." })
  @Directive(PUBLIC_CACHE)
  async productFacets(
    @Ctx() ctx: Context,
    @Arg("filter", () => ProductFilter, { nullable: true }) filter?: ProductFilter | null,
  ): Promise<ProductFacets> {
    return ctx.services.catalog.facets(ctx, filter);
  }

  @Query(() => Product, {
    nullable: true,
    description: "A certified product by slug; null when it holds no active certificate.",
  })
  @Directive(PUBLIC_CACHE)
  async product(@Ctx() ctx: Context, @Arg("slug") slug: string): Promise<Product | null> {
    return ctx.services.catalog.productBySlug(ctx, slug);
  }

  @Query(() => CatalogChanges, {
    description:
      "What changed in the public catalog since a cursor, in the order the changes happened: for apps that keep a copy (offline). Without `since`: every product listed now, then only changes. `first` 1–500, default 100.",
    complexity: ({ args, childComplexity }) =>
      1 + Math.min(Math.max(Number(args.first ?? DEFAULT_FEED_PAGE), 1), MAX_FEED_PAGE) * childComplexity,
  })
  @Directive(PUBLIC_CACHE)
  catalogChanges(
    @Ctx() ctx: Context,
    @Arg("since", () => String, { nullable: true, description: "`cursor` of the last page applied." })
    since?: string | null,
    @Arg("first", () => Int, { nullable: true }) first?: number | null,
  ): Promise<CatalogChanges> {
    return ctx.services.changeFeed.page(ctx, { since, first });
  }

  @Query(() => Producer, { nullable: true, description: "A producer with at least one certified product." })
  @Directive(PUBLIC_CACHE)
  producer(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<Producer | null> {
    return ctx.services.catalog.publicProducer(ctx, id);
  }
}

@Resolver(() => Product)
export class ProductFieldResolver {
  @FieldResolver(() => Category)
  async category(@Root() product: Product, @Ctx() ctx: Context): Promise<Category> {
    return (await ctx.loaders.categoryTree.load("all")).byCode.get(product.categoryCode)!;
  }

  @FieldResolver(() => Commune, { description: "The commune of origin." })
  async commune(@Root() product: Product, @Ctx() ctx: Context): Promise<Commune> {
    return (await ctx.loaders.commune.load(product.communeCode))!;
  }

  @FieldResolver(() => Producer)
  async producer(@Root() product: Product, @Ctx() ctx: Context): Promise<Producer> {
    return (await ctx.loaders.producer.load(product.producerId))!;
  }

  @FieldResolver(() => Certificate, {
    nullable: true,
    description:
      "The current certificate: the newest one neither revoked nor superseded; for a product without one (staff lists), its newest certificate; null if it never had one. Check its status.",
  })
  async certificate(@Root() product: Product, @Ctx() ctx: Context): Promise<Certificate | null> {
    if (!product.currentCertificateId) return ctx.loaders.newestCertificateByProduct.load(product.id);
    return ctx.loaders.certificate.load(product.currentCertificateId);
  }
}

/** A producer's detail for staff of its commune (and the province); null for anyone else signed in. */
const staffDetail = (producer: Producer, ctx: Context, value: string | null) =>
  inViewerCommune(ctx.viewer!, producer.communeCode) ? value : null;

@Resolver(() => Producer)
export class ProducerFieldResolver {
  @Authorized()
  @FieldResolver(() => String, { nullable: true, description: "Staff only: contact email." })
  email(@Root() producer: Producer, @Ctx() ctx: Context): string | null {
    return staffDetail(producer, ctx, producer.email);
  }

  @Authorized()
  @FieldResolver(() => String, {
    nullable: true,
    description: "Staff only: tax or business registration number.",
  })
  registrationNumber(@Root() producer: Producer, @Ctx() ctx: Context): string | null {
    return staffDetail(producer, ctx, producer.registrationNumber);
  }

  @Authorized()
  @FieldResolver(() => String, { nullable: true, description: "Staff only: legal representative." })
  representative(@Root() producer: Producer, @Ctx() ctx: Context): string | null {
    return staffDetail(producer, ctx, producer.representative);
  }

  @FieldResolver(() => Commune)
  async commune(@Root() producer: Producer, @Ctx() ctx: Context): Promise<Commune> {
    return (await ctx.loaders.commune.load(producer.communeCode))!;
  }

  @FieldResolver(() => [Product], {
    description: "The producer's certified products, by name.",
    complexity: ({ childComplexity }) => 1 + 20 * childComplexity,
  })
  async products(@Root() producer: Producer, @Ctx() ctx: Context): Promise<Product[]> {
    return ctx.loaders.activeProductsByProducer.load(producer.id);
  }
}

export const FACET_COMMUNES_DEFAULT = 100;
export const FACET_COMMUNES_MAX = 1000;

@Resolver(() => ProductFacets)
export class ProductFacetsResolver {
  @FieldResolver(() => [CommuneCount], {
    description: `Communes by product count, most first (ties in official order): at most \`first\` (default ${FACET_COMMUNES_DEFAULT}, at most ${FACET_COMMUNES_MAX}), plus every commune selected in the filter.`,
    complexity: pageComplexity,
  })
  communes(
    @Root() facets: ProductFacets,
    @Arg("first", () => Int, { defaultValue: FACET_COMMUNES_DEFAULT }) first: number,
  ): CommuneCount[] {
    if (!Number.isInteger(first) || first < 1 || first > FACET_COMMUNES_MAX) {
      throw badInput("field.pageSize", "first", { max: FACET_COMMUNES_MAX });
    }
    const selected = new Set(facets.selectedCommuneCodes);
    return facets.allCommunes.filter((c, i) => i < first || selected.has(c.commune.code));
  }
}

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], {
    description: "The classification tree: the sectors, with their groups and product sets below.",
  })
  @Directive(PUBLIC_CACHE)
  async categories(@Ctx() ctx: Context): Promise<Category[]> {
    return (await ctx.loaders.categoryTree.load("all")).children.get(null) ?? [];
  }

  @FieldResolver(() => Category, { nullable: true })
  async parent(@Root() category: Category, @Ctx() ctx: Context): Promise<Category | null> {
    if (!category.parentCode) return null;
    return (await ctx.loaders.categoryTree.load("all")).byCode.get(category.parentCode) ?? null;
  }

  @FieldResolver(() => [Category], { complexity: ({ childComplexity }) => 1 + 10 * childComplexity })
  async children(@Root() category: Category, @Ctx() ctx: Context): Promise<Category[]> {
    return (await ctx.loaders.categoryTree.load("all")).children.get(category.code) ?? [];
  }
}

@Resolver(() => ProductSuggestion)
export class ProductSuggestionResolver {
  @FieldResolver(() => Product, { nullable: true, description: "Kind PRODUCT: the product." })
  product(@Root() s: ProductSuggestion, @Ctx() ctx: Context): Promise<Product | null> | null {
    return s.productId ? ctx.loaders.product.load(s.productId) : null;
  }

  @FieldResolver(() => Producer, { nullable: true, description: "Kind PRODUCER: the producer." })
  producer(@Root() s: ProductSuggestion, @Ctx() ctx: Context): Promise<Producer | null> | null {
    return s.producerId ? ctx.loaders.producer.load(s.producerId) : null;
  }

  @FieldResolver(() => Commune, { nullable: true, description: "Kind COMMUNE: the commune." })
  commune(@Root() s: ProductSuggestion, @Ctx() ctx: Context): Promise<Commune | null> | null {
    return s.communeCode ? ctx.loaders.commune.load(s.communeCode) : null;
  }
}
