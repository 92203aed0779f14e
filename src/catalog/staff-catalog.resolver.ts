import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { Role } from "../auth/user.entity";
import type { Context } from "../context";
import { pageComplexity } from "../http/limits";
import { Producer } from "./producer.entity";
import { Product } from "./product.entity";
import {
  CreateProducerInput,
  CreateProductInput,
  UpdateProducerInput,
  StaffProducerConnection,
  StaffProducerFilter,
  StaffProductConnection,
  StaffProductFilter,
  UpdateProductInput,
} from "./staff-catalog.types";

/** Who keeps the catalog: commune officers for their commune, province officers anywhere. */
export const KEEPERS = [Role.COMMUNE_OFFICER, Role.PROVINCE_OFFICER];

@Resolver()
export class StaffCatalogResolver {
  @Authorized(...KEEPERS)
  @Mutation(() => Producer, {
    description: "Commune officers for their own commune; province officers anywhere.",
  })
  createProducer(
    @Ctx() ctx: Context,
    @Arg("input", () => CreateProducerInput) input: CreateProducerInput,
  ): Promise<Producer> {
    return ctx.services.staffProducers.createProducer(ctx, input);
  }

  @Authorized(...KEEPERS)
  @Mutation(() => Producer)
  updateProducer(
    @Ctx() ctx: Context,
    @Arg("input", () => UpdateProducerInput) input: UpdateProducerInput,
  ): Promise<Producer> {
    return ctx.services.staffProducers.updateProducer(ctx, input);
  }

  @Authorized(...KEEPERS)
  @Mutation(() => Product, {
    description: "A product of the producer, in the producer's commune; the slug comes from the name.",
  })
  createProduct(
    @Ctx() ctx: Context,
    @Arg("input", () => CreateProductInput) input: CreateProductInput,
  ): Promise<Product> {
    return ctx.services.staffProducts.createProduct(ctx, input);
  }

  @Authorized(...KEEPERS)
  @Mutation(() => Product)
  updateProduct(
    @Ctx() ctx: Context,
    @Arg("input", () => UpdateProductInput) input: UpdateProductInput,
  ): Promise<Product> {
    return ctx.services.staffProducts.updateProduct(ctx, input);
  }

  @Authorized(...KEEPERS)
  @Mutation(() => ID, {
    description:
      "Deletes a product entered by mistake: one that never had a certificate or a dossier (else CONFLICT: archive it). Answers its id.",
  })
  deleteProduct(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<string> {
    return ctx.services.staffProducts.deleteProduct(ctx, id);
  }

  @Authorized(...KEEPERS)
  @Mutation(() => Product, {
    description:
      "Archives a product (hidden from staff lists unless includeArchived; the public catalog is unaffected), or restores it with archived: false. A product under evaluation cannot be archived.",
  })
  archiveProduct(
    @Ctx() ctx: Context,
    @Arg("id", () => ID) id: string,
    @Arg("archived", () => Boolean, { defaultValue: true }) archived: boolean,
  ): Promise<Product> {
    return ctx.services.staffProducts.archiveProduct(ctx, id, archived);
  }

  @Authorized(...KEEPERS)
  @Query(() => StaffProductConnection, {
    description:
      "Products of your commune (province: all), certified or not, by name; archived ones only when asked for.",
    complexity: pageComplexity,
  })
  staffProducts(
    @Ctx() ctx: Context,
    @Arg("filter", () => StaffProductFilter, { nullable: true }) filter?: StaffProductFilter | null,
    @Arg("first", () => Int, { nullable: true }) first?: number | null,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
  ): Promise<StaffProductConnection> {
    return ctx.services.staffProducts.products(ctx, { filter, first, after });
  }

  @Authorized(...KEEPERS)
  @Query(() => StaffProducerConnection, {
    description: "Producers of your commune (province: all), by name.",
    complexity: pageComplexity,
  })
  staffProducers(
    @Ctx() ctx: Context,
    @Arg("filter", () => StaffProducerFilter, { nullable: true }) filter?: StaffProducerFilter | null,
    @Arg("first", () => Int, { nullable: true }) first?: number | null,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
  ): Promise<StaffProducerConnection> {
    return ctx.services.staffProducers.producers(ctx, { filter, first, after });
  }

  @Authorized(...KEEPERS)
  @Query(() => Producer, {
    nullable: true,
    description: "A producer of your commune (province: any), certified or not.",
  })
  staffProducer(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<Producer | null> {
    return ctx.services.staffProducers.producer(ctx, id);
  }
}
