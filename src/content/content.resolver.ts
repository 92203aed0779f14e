import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { inViewerCommune } from "../auth/scope";
import { Producer } from "../catalog/producer.entity";
import { Product } from "../catalog/product.entity";
import { KEEPERS } from "../catalog/staff-catalog.resolver";
import type { Context } from "../context";
import {
  OrderProductImagesInput,
  ProductImageInput,
  PublicContact,
  SetPointsOfSaleInput,
  UpdateProductImageInput,
} from "./content.types";
import { ImageFormat } from "./images";
import { inPosition } from "./loaders";
import { PointOfSale } from "./point-of-sale.entity";
import { ProductImage } from "./product-image.entity";

@Resolver()
export class ProductContentResolver {
  @Authorized(...KEEPERS)
  @Mutation(() => Product, {
    description:
      "Adds a photo (uploaded with POST /files, purpose image, by you) after the product's others; at most 10.",
  })
  addProductImage(
    @Ctx() ctx: Context,
    @Arg("input", () => ProductImageInput) input: ProductImageInput,
  ): Promise<Product> {
    return ctx.services.content.addImage(ctx, input);
  }

  @Authorized(...KEEPERS)
  @Mutation(() => Product, { description: "Changes a photo's texts." })
  updateProductImage(
    @Ctx() ctx: Context,
    @Arg("input", () => UpdateProductImageInput) input: UpdateProductImageInput,
  ): Promise<Product> {
    return ctx.services.content.updateImage(ctx, input);
  }

  @Authorized(...KEEPERS)
  @Mutation(() => Product, { description: "Removes a photo from its product; the others move up." })
  removeProductImage(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<Product> {
    return ctx.services.content.removeImage(ctx, id);
  }

  @Authorized(...KEEPERS)
  @Mutation(() => Product, { description: "Puts the product's photos in a new order." })
  orderProductImages(
    @Ctx() ctx: Context,
    @Arg("input", () => OrderProductImagesInput) input: OrderProductImagesInput,
  ): Promise<Product> {
    return ctx.services.content.orderImages(ctx, input);
  }

  @Authorized(...KEEPERS)
  @Mutation(() => Product, { description: "Replaces the product's points of sale (at most 20)." })
  setProductPointsOfSale(
    @Ctx() ctx: Context,
    @Arg("input", () => SetPointsOfSaleInput) input: SetPointsOfSaleInput,
  ): Promise<Product> {
    return ctx.services.content.setPointsOfSale(ctx, input);
  }
}

@Resolver(() => Product)
export class ProductContentFieldResolver {
  @FieldResolver(() => [ProductImage], {
    description: "Photos, the first one first (listings show it): at most 10.",
    complexity: ({ childComplexity }) => 1 + 10 * childComplexity,
  })
  async images(@Root() product: Product, @Ctx() ctx: Context): Promise<ProductImage[]> {
    return inPosition(await ctx.loaders.imagesByProduct.load(product.id));
  }

  @FieldResolver(() => [PointOfSale], {
    description: "Where to buy it: at most 20.",
    complexity: ({ childComplexity }) => 1 + 20 * childComplexity,
  })
  async pointsOfSale(@Root() product: Product, @Ctx() ctx: Context): Promise<PointOfSale[]> {
    return inPosition(await ctx.loaders.pointsOfSaleByProduct.load(product.id));
  }
}

@Resolver(() => ProductImage)
export class ProductImageFieldResolver {
  @FieldResolver(() => String, {
    description: `The photo at most 960 pixels on its longest side (width × height). The URL never changes and its bytes never do: cache it for ever.`,
  })
  url(
    @Root() image: ProductImage,
    @Ctx() ctx: Context,
    @Arg("format", () => ImageFormat, { defaultValue: ImageFormat.JPEG }) format: ImageFormat,
  ): string {
    return ctx.services.content.imageUrl(image, "medium", format);
  }

  @FieldResolver(() => String, {
    description: "The photo at most 320 pixels on its longest side, for lists.",
  })
  thumbnailUrl(
    @Root() image: ProductImage,
    @Ctx() ctx: Context,
    @Arg("format", () => ImageFormat, { defaultValue: ImageFormat.JPEG }) format: ImageFormat,
  ): string {
    return ctx.services.content.imageUrl(image, "thumb", format);
  }
}

/** Shown to the public only when the producer agreed; staff of its commune (and the province) always see it. */
const contactDetail = (producer: Producer, ctx: Context, value: string | null) =>
  producer.publicContact || (ctx.viewer && inViewerCommune(ctx.viewer, producer.communeCode)) ? value : null;

@Resolver(() => Producer)
export class ProducerContactResolver {
  @FieldResolver(() => PublicContact, {
    nullable: true,
    description: "How to reach the producer: null unless the producer agreed to show it.",
  })
  publicContact(@Root() producer: Producer): PublicContact | null {
    if (!producer.publicContact) return null;
    const { phone, address, website, openingHours } = producer;
    return { phone, address, website, openingHours };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Null to the public unless the producer agreed to show its contact (see publicContact).",
  })
  phone(@Root() producer: Producer, @Ctx() ctx: Context): string | null {
    return contactDetail(producer, ctx, producer.phone);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Null to the public unless the producer agreed to show its contact (see publicContact).",
  })
  address(@Root() producer: Producer, @Ctx() ctx: Context): string | null {
    return contactDetail(producer, ctx, producer.address);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Null to the public unless the producer agreed to show its contact (see publicContact).",
  })
  website(@Root() producer: Producer, @Ctx() ctx: Context): string | null {
    return contactDetail(producer, ctx, producer.website);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Null to the public unless the producer agreed to show its contact (see publicContact).",
  })
  openingHours(@Root() producer: Producer, @Ctx() ctx: Context): string | null {
    return contactDetail(producer, ctx, producer.openingHours);
  }
}
