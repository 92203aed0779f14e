import { IsEmail, IsOptional, Length, Matches } from "class-validator";
import { GraphQLDateTimeISO } from "graphql-scalars";
import { Field, InputType, ObjectType } from "type-graphql";
import { Role, User } from "./user.entity";

/** Who is asking: the signed-in staff user, as the token and the database say now. */
export type Viewer = { id: number; email: string; role: Role; communeCode: string | null };

@ObjectType()
export class LoginResult {
  @Field({ description: "Send as `Authorization: Bearer <token>`." })
  token: string;

  @Field(() => GraphQLDateTimeISO)
  expiresAt: Date;

  @Field(() => User)
  user: User;
}

@InputType()
export class CreateUserInput {
  @Field()
  @IsEmail({}, { message: "email is not an email address" })
  @Length(3, 254, { message: "email must be at most 254 characters" })
  email: string;

  @Field()
  @Length(1, 200, { message: "fullName must be 1 to 200 characters" })
  fullName: string;

  @Field(() => Role)
  role: Role;

  @Field(() => String, { nullable: true, description: "Required for COMMUNE_OFFICER, refused for other roles." })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: "communeCode must be a five-digit unit code" })
  communeCode?: string | null;

  @Field({ description: "At least 12 characters." })
  password: string;
}
