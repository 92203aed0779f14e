import type { DataSource } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { AppError, badInput, conflict, ErrorCode, notFound, unauthenticated } from "../core/errors";
import { inTransaction } from "../core/transaction";
import { parseId } from "../core/ids";
import { Commune } from "../geography/commune.entity";
import type { RequestScope } from "../request";
import {
  checkPasswordRules,
  decoyHash,
  DEMO_PASSWORD,
  hashPassword,
  PASSWORD_MAX,
  verifyPassword,
} from "./passwords";
import { normaliseEmail } from "./email";
import { LoginThrottle } from "./throttle";
import type { TokenService } from "./tokens";
import type { CreateUserInput, LoginResult, Viewer } from "./auth.types";
import { Role, User } from "./user.entity";

export class AuthService {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    /** The embedded demo, where the published demo password is allowed. */
    private readonly demo = false,
  ) {
    this.throttle = new LoginThrottle(dataSource);
  }

  /** The viewer of an `Authorization` header: null without one, UNAUTHENTICATED (401) when it is not valid now. */
  async viewerFrom(authorization: string | undefined, now: Date): Promise<Viewer | null> {
    if (!authorization) return null;
    const invalid = () =>
      new AppError(
        ErrorCode.UNAUTHENTICATED,
        "auth.badToken",
        {},
        {
          http: { status: 401 },
        },
      );
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(authorization.trim());
    if (!match) throw invalid();
    const claims = await this.tokens.verify(match[1], now);
    if (!claims) throw invalid();
    const user = await this.dataSource.getRepository(User).findOneBy({ id: claims.userId });
    if (!user || !user.active || user.tokenVersion !== claims.version) throw invalid();
    return { id: user.id, email: user.email, role: user.role, communeCode: user.communeCode };
  }

  /**
   * Same error, and the same argon2 work, for an unknown email, a wrong password and a deactivated account.
   * Throttled per account (whoever tries it, from anywhere, however the address is spelled: the count is
   * the account's, found first) and per address. An address with no one spelling is refused.
   */
  async login(ctx: RequestScope, rawEmail: string, password: string): Promise<LoginResult> {
    const email = normaliseEmail(rawEmail);
    if (!email) {
      await this.throttle.attempt(null, ctx.ip);
      throw badInput("auth.badEmail", "email");
    }
    const user = await this.dataSource.getRepository(User).findOneBy({ email });
    await this.throttle.attempt(user?.id ?? null, ctx.ip); // counted before the password is checked
    const passwordOk =
      password.length <= PASSWORD_MAX &&
      (await verifyPassword(user?.passwordHash ?? (await decoyHash()), password));
    if (!user || !user.active || !passwordOk) {
      await inTransaction(this.dataSource, (m) =>
        audit(m, {
          at: ctx.now,
          actorId: null,
          action: "LOGIN_FAILED",
          subjectType: "User",
          subjectId: user?.id ?? "unknown",
          note: `${email} from ${ctx.ip}`,
        }),
      );
      throw unauthenticated("auth.wrongLogin");
    }
    await this.throttle.succeeded(user.id, ctx.ip);
    await inTransaction(this.dataSource, (m) =>
      audit(m, {
        at: ctx.now,
        actorId: user.id,
        action: "LOGIN",
        subjectType: "User",
        subjectId: user.id,
        note: `from ${ctx.ip}`,
      }),
    );
    return { ...(await this.tokens.issue({ userId: user.id, version: user.tokenVersion }, ctx.now)), user };
  }

  async createUser(ctx: RequestScope, input: CreateUserInput): Promise<User> {
    const actor = requireViewer(ctx);
    return this.registerUser(input, { actorId: actor.id, at: ctx.now });
  }

  /**
   * The one way an account is made (GraphQL createUser, `npm run user:create`): the password rules, the
   * commune rule, a unique email, argon2id, and the USER_CREATED event, in one transaction.
   */
  async registerUser(
    input: CreateUserInput,
    by: { actorId: number | null; at: Date; via?: string },
  ): Promise<User> {
    const email = normaliseEmail(input.email);
    if (!email) throw badInput("auth.badEmail", "input.email");
    checkPasswordRules(input.password, { userInputs: [email, input.fullName], demo: this.demo });
    const communeCode = input.communeCode ?? null;
    if (input.role === Role.COMMUNE_OFFICER && !communeCode) {
      throw badInput("auth.communeRequired", "input.communeCode");
    }
    if (input.role !== Role.COMMUNE_OFFICER && communeCode) {
      throw badInput("auth.communeRefused", "input.communeCode");
    }
    const passwordHash = await hashPassword(input.password);
    return inTransaction(this.dataSource, async (m) => {
      if (communeCode && !(await m.existsBy(Commune, { code: communeCode }))) {
        throw badInput("geo.unknownCommune", "input.communeCode", { code: communeCode });
      }
      // A second request for the same address is told so; one racing this one loses on the unique key (CONFLICT too).
      if (await m.existsBy(User, { email })) throw conflict("auth.emailTaken");
      const user = await m.save(
        m.create(User, {
          email,
          fullName: input.fullName.trim(),
          role: input.role,
          communeCode,
          active: true,
          passwordHash,
          tokenVersion: 1,
          demoPassword: input.password === DEMO_PASSWORD,
        }),
      );
      await audit(m, {
        at: by.at,
        actorId: by.actorId,
        action: "USER_CREATED",
        subjectType: "User",
        subjectId: user.id,
        note: `${user.role}${communeCode ? ` ${communeCode}` : ""}${by.via ? `; ${by.via}` : ""}`,
      });
      return user;
    });
  }

  /** Deactivating ends the user's sessions at once. Setting what is already set changes nothing and records nothing. */
  async setUserActive(ctx: RequestScope, rawId: string, active: boolean): Promise<User> {
    const actor = requireViewer(ctx);
    const id = parseId(rawId, "id");
    if (id === actor.id && !active) throw badInput("auth.selfDeactivation", "id");
    return inTransaction(this.dataSource, async (m) => {
      const user = await m.findOneBy(User, { id });
      if (!user) throw notFound("auth.noUser");
      const updated = await m
        .createQueryBuilder()
        .update(User)
        .set({ active, ...(active ? {} : { tokenVersion: () => "tokenVersion + 1" }) })
        .where("id = :id AND active = :was", { id, was: !active })
        .execute();
      if (updated.affected === 1)
        await audit(m, {
          at: ctx.now,
          actorId: actor.id,
          action: active ? "USER_ACTIVATED" : "USER_DEACTIVATED",
          subjectType: "User",
          subjectId: id,
        });
      return m.findOneByOrFail(User, { id });
    });
  }

  /** An administrator sets a new password; the user's sessions end. */
  async resetUserPassword(ctx: RequestScope, rawId: string, password: string): Promise<User> {
    const id = parseId(rawId, "id");
    const user = await this.dataSource.getRepository(User).findOneBy({ id });
    if (!user) throw notFound("auth.noUser");
    checkPasswordRules(password, { userInputs: [user.email, user.fullName], demo: this.demo });
    return this.setPassword(ctx, user, password, "PASSWORD_RESET");
  }

  /** The viewer changes its own password; other sessions end, and this one gets a new token. Wrong guesses count as failed logins. */
  async changePassword(ctx: RequestScope, oldPassword: string, newPassword: string): Promise<LoginResult> {
    const viewer = requireViewer(ctx);
    const current = await this.dataSource.getRepository(User).findOneByOrFail({ id: viewer.id });
    await this.throttle.attempt(current.id, ctx.ip);
    if (oldPassword.length > PASSWORD_MAX || !(await verifyPassword(current.passwordHash, oldPassword))) {
      await inTransaction(this.dataSource, (m) =>
        audit(m, {
          at: ctx.now,
          actorId: viewer.id,
          action: "PASSWORD_CHANGE_FAILED",
          subjectType: "User",
          subjectId: viewer.id,
          note: `wrong current password from ${ctx.ip}`,
        }),
      );
      throw badInput("auth.wrongOldPassword", "oldPassword");
    }
    await this.throttle.succeeded(current.id, ctx.ip);
    checkPasswordRules(newPassword, {
      argument: "newPassword",
      userInputs: [current.email, current.fullName],
      demo: this.demo,
    });
    const user = await this.setPassword(ctx, current, newPassword, "PASSWORD_CHANGED");
    return { ...(await this.tokens.issue({ userId: user.id, version: user.tokenVersion }, ctx.now)), user };
  }

  me(ctx: RequestScope): Promise<User> {
    return this.dataSource.getRepository(User).findOneByOrFail({ id: requireViewer(ctx).id });
  }

  users(_ctx: RequestScope): Promise<User[]> {
    return this.dataSource.getRepository(User).find({ order: { email: "ASC" }, take: 1000 });
  }

  /**
   * Sets the hash and ends the user's sessions, if nobody changed the account since `user` was read (else
   * CONFLICT): of concurrent changes exactly one is made and audited.
   */
  private async setPassword(ctx: RequestScope, user: User, password: string, action: string): Promise<User> {
    const actor = requireViewer(ctx);
    if (await verifyPassword(user.passwordHash, password)) return user; // already this password: a repeat changes nothing
    const passwordHash = await hashPassword(password);
    return inTransaction(this.dataSource, async (m) => {
      const updated = await m
        .createQueryBuilder()
        .update(User)
        .set({
          passwordHash,
          demoPassword: password === DEMO_PASSWORD,
          tokenVersion: () => "tokenVersion + 1",
        })
        .where("id = :id AND tokenVersion = :version", { id: user.id, version: user.tokenVersion })
        .execute();
      if (updated.affected !== 1) throw conflict("auth.accountChanged");
      await audit(m, { at: ctx.now, actorId: actor.id, action, subjectType: "User", subjectId: user.id });
      return m.findOneByOrFail(User, { id: user.id });
    });
  }
}

export function requireViewer(ctx: RequestScope): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}
