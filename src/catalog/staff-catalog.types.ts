import { IsEmail, IsOptional, IsUrl, Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { ProducerKind } from "./producer.entity";

/** The producer's details that may be given or left out on creation and on update (inherited by both inputs). */
@InputType()
class ProducerDetails {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 50, { message: "registrationNumber must be at most 50 characters" })
  registrationNumber?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 255, { message: "representative must be at most 255 characters" })
  representative?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 500, { message: "address must be at most 500 characters" })
  address?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[0-9 +().-]{6,30}$/, { message: "phone must be 6 to 30 digits, spaces or + ( ) . -" })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: "email is not an email address" })
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ["http", "https"] }, { message: "website must be an http(s) URL" })
  website?: string | null;
}

@InputType()
export class CreateProducerInput extends ProducerDetails {
  @Field()
  @Length(1, 255, { message: "name must be 1 to 255 characters" })
  name: string;

  @Field(() => ProducerKind)
  kind: ProducerKind;

  @Field()
  @Matches(/^\d{5}$/, { message: "communeCode must be a five-digit unit code" })
  communeCode: string;
}

@InputType({ description: "Only the fields given change; the commune cannot change." })
export class UpdateProducerInput extends ProducerDetails {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 255, { message: "name must be 1 to 255 characters" })
  name?: string | null;

  @Field(() => ProducerKind, { nullable: true })
  kind?: ProducerKind | null;
}

@InputType()
export class CreateProductInput {
  @Field(() => ID)
  producerId: string;

  @Field()
  @Length(1, 255, { message: "name must be 1 to 255 characters" })
  name: string;

  @Field({ description: "A product set, e.g. I.2.b." })
  categoryCode: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 5000, { message: "description must be at most 5000 characters" })
  description?: string | null;
}

@InputType({ description: "Only the fields given change." })
export class UpdateProductInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 255, { message: "name must be 1 to 255 characters" })
  name?: string | null;

  @Field(() => String, { nullable: true })
  categoryCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 5000, { message: "description must be at most 5000 characters" })
  description?: string | null;
}
