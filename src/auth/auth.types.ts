import { IsEmail, IsOptional, Matches } from "class-validator";
import { Text } from "../core/validation";
import { PASSWORD_MAX } from "./passwords";
import { GraphQLDateTimeISO } from "graphql-scalars";
import { ArgsType, Field, ID, InputType, ObjectType } from "type-graphql";
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
  @Text(254)
  @IsEmail({}, { message: "email is not an email address" })
  email: string;

  @Field()
  @Text(200)
  fullName: string;

  @Field(() => Role)
  role: Role;

  @Field(() => String, {
    nullable: true,
    description: "Required for COMMUNE_OFFICER, refused for other roles.",
  })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: "communeCode must be a five-digit unit code" })
  communeCode?: string | null;

  @Field({ description: "At least 12 characters, not easy to guess." })
  @Text(PASSWORD_MAX)
  password: string;
}

@ArgsType()
export class LoginArgs {
  @Field()
  @Text(254)
  email: string;

  @Field()
  @Text(PASSWORD_MAX)
  password: string;
}

@ArgsType()
export class ResetPasswordArgs {
  @Field(() => ID)
  id: string;

  @Field({ description: "At least 12 characters, not easy to guess." })
  @Text(PASSWORD_MAX)
  password: string;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field()
  @Text(PASSWORD_MAX)
  oldPassword: string;

  @Field({ description: "At least 12 characters, not easy to guess." })
  @Text(PASSWORD_MAX)
  newPassword: string;
}
