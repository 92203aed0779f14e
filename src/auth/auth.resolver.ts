import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { Commune } from "../geography/commune.entity";
import { ChangePasswordArgs, CreateUserInput, LoginArgs, LoginResult, ResetPasswordArgs } from "./auth.types";
import { Role, User } from "./user.entity";

@Resolver(() => User)
export class AuthResolver {
  @Mutation(() => LoginResult, {
    description:
      "Signs in. Wrong email or password: UNAUTHENTICATED; after 10 failures in 15 minutes the account is locked for 15 minutes (RATE_LIMITED).",
  })
  login(@Ctx() ctx: Context, @Args() { email, password }: LoginArgs): Promise<LoginResult> {
    return ctx.services.auth.login(ctx, email, password);
  }

  @Authorized()
  @Query(() => User, { description: "The signed-in user." })
  me(@Ctx() ctx: Context): Promise<User> {
    return ctx.services.auth.me(ctx);
  }

  @Authorized(Role.ADMIN)
  @Query(() => [User], { description: "Staff accounts, by email (ADMIN)." })
  users(@Ctx() ctx: Context): Promise<User[]> {
    return ctx.services.auth.users(ctx);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, {
    description: "ADMIN. A COMMUNE_OFFICER needs communeCode; other roles may not have one.",
  })
  createUser(
    @Ctx() ctx: Context,
    @Arg("input", () => CreateUserInput) input: CreateUserInput,
  ): Promise<User> {
    return ctx.services.auth.createUser(ctx, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, { description: "ADMIN. Deactivating ends the user's sessions." })
  setUserActive(
    @Ctx() ctx: Context,
    @Arg("id", () => ID) id: string,
    @Arg("active") active: boolean,
  ): Promise<User> {
    return ctx.services.auth.setUserActive(ctx, id, active);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, {
    description: "ADMIN. Sets a new password (at least 12 characters) and ends the user's sessions.",
  })
  resetUserPassword(@Ctx() ctx: Context, @Args() { id, password }: ResetPasswordArgs): Promise<User> {
    return ctx.services.auth.resetUserPassword(ctx, id, password);
  }

  @Authorized()
  @Mutation(() => LoginResult, {
    description: "Changes your own password; your other sessions end and this answer carries a new token.",
  })
  changePassword(
    @Ctx() ctx: Context,
    @Args() { oldPassword, newPassword }: ChangePasswordArgs,
  ): Promise<LoginResult> {
    return ctx.services.auth.changePassword(ctx, oldPassword, newPassword);
  }

  @FieldResolver(() => Commune, { nullable: true, description: "The commune of a COMMUNE_OFFICER." })
  async commune(@Root() user: User, @Ctx() ctx: Context): Promise<Commune | null> {
    return user.communeCode ? ctx.loaders.commune.load(user.communeCode) : null;
  }
}
