import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Role } from "../auth/user.entity";
import type { Context } from "../context";
import { Producer } from "./producer.entity";
import { Product } from "./product.entity";
import {
  CreateProducerInput,
  CreateProductInput,
  UpdateProducerInput,
  UpdateProductInput,
} from "./staff-catalog.types";

const KEEPERS = [Role.COMMUNE_OFFICER, Role.PROVINCE_OFFICER];

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
    return ctx.services.staffCatalog.createProducer(ctx, input);
  }

  @Authorized(...KEEPERS)
  @Mutation(() => Producer)
  updateProducer(
    @Ctx() ctx: Context,
    @Arg("input", () => UpdateProducerInput) input: UpdateProducerInput,
  ): Promise<Producer> {
    return ctx.services.staffCatalog.updateProducer(ctx, input);
  }

  @Authorized(...KEEPERS)
  @Mutation(() => Product, {
    description: "A product of the producer, in the producer's commune; the slug comes from the name.",
  })
  createProduct(
    @Ctx() ctx: Context,
    @Arg("input", () => CreateProductInput) input: CreateProductInput,
  ): Promise<Product> {
    return ctx.services.staffCatalog.createProduct(ctx, input);
  }

  @Authorized(...KEEPERS)
  @Mutation(() => Product)
  updateProduct(
    @Ctx() ctx: Context,
    @Arg("input", () => UpdateProductInput) input: UpdateProductInput,
  ): Promise<Product> {
    return ctx.services.staffCatalog.updateProduct(ctx, input);
  }

  @Authorized(...KEEPERS)
  @Query(() => Producer, {
    nullable: true,
    description: "A producer of your commune (province: any), certified or not.",
  })
  staffProducer(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<Producer | null> {
    return ctx.services.staffCatalog.producer(ctx, id);
  }
}
