import { IsUrl, ValidateNested } from "class-validator";
import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { PUBLIC_CACHE } from "../core/cache";
import { ListCap, Phone, Text } from "../core/validation";
import { DegreesInput } from "./place-input";
import { ImageFormat } from "./images";
import { MAX_IMAGES_PER_PRODUCT } from "./product-image.entity";
import { MAX_POINTS_OF_SALE } from "./point-of-sale.entity";

registerEnumType(ImageFormat, {
  name: "ImageFormat",
  description: "JPEG (every browser) or WEBP (smaller; every current browser).",
});

@InputType({
  description: "A photo uploaded with POST /files (purpose image) by you, for one of your products.",
})
export class ProductImageInput {
  @Field(() => ID)
  productId: string;

  @Field(() => ID)
  fileId: string;

  @Field({ description: "What the photo shows, in Vietnamese." })
  @Text(250)
  alt: string;

  @Field(() => String, { nullable: true, description: "What the photo shows, in English." })
  @Text(250, { optional: true })
  altEn?: string | null;
}

@InputType({ description: "Only the fields given change." })
export class UpdateProductImageInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @Text(250, { optional: true })
  alt?: string | null;

  @Field(() => String, { nullable: true, description: "Blank to remove the English text." })
  @Text(250, { optional: true })
  altEn?: string | null;
}

@InputType({
  description: "The product's photos in their new order: every one of them, first the one listings show.",
})
export class OrderProductImagesInput {
  @Field(() => ID)
  productId: string;

  @Field(() => [ID])
  @ListCap(MAX_IMAGES_PER_PRODUCT)
  imageIds: string[];
}

@InputType()
export class PointOfSaleInput {
  @Field()
  @Text(200)
  name: string;

  @Field(() => String, { nullable: true })
  @Text(500, { optional: true })
  address?: string | null;

  @Field(() => String, { nullable: true })
  @Phone()
  phone?: string | null;

  @Field(() => String, { nullable: true, description: "A web page or online shop (http or https)." })
  @Text(500, { optional: true })
  @IsUrl({ require_protocol: true, protocols: ["http", "https"] }, { message: "url must be an http(s) URL" })
  url?: string | null;

  @DegreesInput(90)
  latitude?: number | null;

  @DegreesInput(180)
  longitude?: number | null;
}

@InputType({ description: "Replaces the product's points of sale with these (an empty list removes them)." })
export class SetPointsOfSaleInput {
  @Field(() => ID)
  productId: string;

  @Field(() => [PointOfSaleInput])
  @ListCap(MAX_POINTS_OF_SALE)
  @ValidateNested({ each: true })
  pointsOfSale: PointOfSaleInput[];
}

@ObjectType({ description: "How to reach a producer, shown only when the producer agreed." })
@Directive(PUBLIC_CACHE)
export class PublicContact {
  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  address: string | null;

  @Field(() => String, { nullable: true })
  website: string | null;

  @Field(() => String, {
    nullable: true,
    description: "As the producer gives them, e.g. “7:00–17:00 hằng ngày”.",
  })
  openingHours: string | null;
}
