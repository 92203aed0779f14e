import { HeaderMap } from "@apollo/server";
import { LessThan, MoreThan, type DataSource } from "typeorm";
import { audit } from "../audit/audit-event.entity";
import { AppError, badInput, ErrorCode, notFound, unauthenticated } from "../core/errors";
import { parseId } from "../core/ids";
import { Commune } from "../geography/commune.entity";
import type { Context } from "../context";
import { checkPasswordRules, decoyHash, hashPassword, PASSWORD_MAX, verifyPassword } from "./passwords";
import type { TokenService } from "./tokens";
import type { CreateUserInput, LoginResult, Viewer } from "./auth.types";
import { LoginFailure, Role, User } from "./user.entity";

/** Login throttle: 10 failures of one account within 15 minutes lock it for 15 minutes; one address may fail 100 times in 15 minutes. */
export const THROTTLE = { accountFailures: 10, ipFailures: 100, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

const WRONG_LOGIN = "Wrong email or password.";
const normaliseEmail = (email: string) => email.trim().toLowerCase();

export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
  ) {}

  /** The viewer of an `Authorization` header: null without one, UNAUTHENTICATED (401) when it is not valid now. */
  async viewerFrom(authorization: string | undefined, now: Date): Promise<Viewer | null> {
    if (!authorization) return null;
    const invalid = () =>
      new AppError(ErrorCode.UNAUTHENTICATED, "The token is malformed, expired or no longer valid: log in again.", {
        http: { status: 401 },
      });
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
   * Throttled per account (whoever tries it, from anywhere) and per address.
   */
  async login(ctx: Context, rawEmail: string, password: string): Promise<LoginResult> {
    const email = normaliseEmail(rawEmail).slice(0, 254);
    await this.checkThrottle(email, ctx.ip, ctx.now);
    const user = await this.dataSource.getRepository(User).findOneBy({ email });
    const passwordOk =
      password.length <= PASSWORD_MAX && (await verifyPassword(user?.passwordHash ?? (await decoyHash()), password));
    if (!user || !user.active || !passwordOk) {
      await this.recordFailure(email, ctx.ip, ctx.now);
      throw unauthenticated(WRONG_LOGIN);
    }
    await this.dataSource.transaction(async (m) => {
      await m.delete(LoginFailure, { email });
      await audit(m, { at: ctx.now, actorId: user.id, action: "LOGIN", subjectType: "User", subjectId: user.id });
    });
    return { ...(await this.tokens.issue({ userId: user.id, version: user.tokenVersion }, ctx.now)), user };
  }

  async createUser(ctx: Context, input: CreateUserInput): Promise<User> {
    const actor = requireViewer(ctx);
    const email = normaliseEmail(input.email);
    checkPasswordRules(input.password);
    const communeCode = input.communeCode ?? null;
    if (input.role === Role.COMMUNE_OFFICER && !communeCode) {
      throw badInput("communeCode is required for a COMMUNE_OFFICER", { argument: "input.communeCode" });
    }
    if (input.role !== Role.COMMUNE_OFFICER && communeCode) {
      throw badInput("only a COMMUNE_OFFICER has a communeCode", { argument: "input.communeCode" });
    }
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (m) => {
      if (communeCode && !(await m.existsBy(Commune, { code: communeCode }))) {
        throw badInput(`communeCode ${communeCode} is not a known unit`, { argument: "input.communeCode" });
      }
      const taken = () => badInput("a user with this email exists", { argument: "input.email" });
      if (await m.existsBy(User, { email })) throw taken();
      const user = await m
        .save(m.create(User, { email, fullName: input.fullName.trim(), role: input.role, communeCode, active: true, passwordHash, tokenVersion: 1 }))
        .catch((e) => {
          throw isUniqueViolation(e) ? taken() : e; // created meanwhile by another request
        });
      await audit(m, { at: ctx.now, actorId: actor.id, action: "USER_CREATED", subjectType: "User", subjectId: user.id, note: `${user.role}${communeCode ? ` ${communeCode}` : ""}` });
      return user;
    });
  }

  /** Deactivating ends the user's sessions at once. */
  async setUserActive(ctx: Context, rawId: string, active: boolean): Promise<User> {
    const actor = requireViewer(ctx);
    const id = parseId(rawId, "id");
    if (id === actor.id && !active) throw badInput("you cannot deactivate your own account", { argument: "id" });
    return this.changeUser(ctx, id, active ? "USER_ACTIVATED" : "USER_DEACTIVATED", (u) => {
      if (u.active !== active && !active) u.tokenVersion++;
      u.active = active;
    });
  }

  /** An administrator sets a new password; the user's sessions end. */
  async resetUserPassword(ctx: Context, rawId: string, password: string): Promise<User> {
    checkPasswordRules(password);
    const hash = await hashPassword(password);
    return this.changeUser(ctx, parseId(rawId, "id"), "PASSWORD_RESET", (u) => {
      u.passwordHash = hash;
      u.tokenVersion++;
    });
  }

  /** The viewer changes its own password; other sessions end, and this one gets a new token. */
  async changePassword(ctx: Context, oldPassword: string, newPassword: string): Promise<LoginResult> {
    const viewer = requireViewer(ctx);
    checkPasswordRules(newPassword, "newPassword");
    const current = await this.dataSource.getRepository(User).findOneByOrFail({ id: viewer.id });
    if (!(await verifyPassword(current.passwordHash, oldPassword))) {
      throw badInput("oldPassword is not the current password", { argument: "oldPassword" });
    }
    const hash = await hashPassword(newPassword);
    const user = await this.changeUser(ctx, viewer.id, "PASSWORD_CHANGED", (u) => {
      u.passwordHash = hash;
      u.tokenVersion++;
    });
    return { ...(await this.tokens.issue({ userId: user.id, version: user.tokenVersion }, ctx.now)), user };
  }

  me(ctx: Context): Promise<User> {
    return this.dataSource.getRepository(User).findOneByOrFail({ id: requireViewer(ctx).id });
  }

  users(_ctx: Context): Promise<User[]> {
    return this.dataSource.getRepository(User).find({ order: { email: "ASC" }, take: 1000 });
  }

  private async changeUser(ctx: Context, id: number, action: string, change: (u: User) => void): Promise<User> {
    const actor = requireViewer(ctx);
    return this.dataSource.transaction(async (m) => {
      const user = await m.findOne(User, { where: { id }, lock: { mode: "pessimistic_write" } });
      if (!user) throw notFound("no user has this id");
      change(user);
      await m.save(user);
      await audit(m, { at: ctx.now, actorId: actor.id, action, subjectType: "User", subjectId: id });
      return user;
    });
  }

  private async checkThrottle(email: string, ip: string, now: Date): Promise<void> {
    const repo = this.dataSource.getRepository(LoginFailure);
    const since = new Date(now.getTime() - THROTTLE.windowMs - THROTTLE.lockMs);
    const accountFailures = (await repo.find({ where: { email, at: MoreThan(since) }, order: { at: "ASC" } })).map((f) => f.at.getTime());
    // Locked from the moment the 10th failure within 15 minutes happened, for 15 minutes.
    let lockedUntil = 0;
    for (let i = 0; i + THROTTLE.accountFailures - 1 < accountFailures.length; i++) {
      const tenth = accountFailures[i + THROTTLE.accountFailures - 1];
      if (tenth - accountFailures[i] <= THROTTLE.windowMs) lockedUntil = Math.max(lockedUntil, tenth + THROTTLE.lockMs);
    }
    const ipFailures = await repo.find({
      where: { ip, at: MoreThan(new Date(now.getTime() - THROTTLE.windowMs)) },
      order: { at: "DESC" },
      take: THROTTLE.ipFailures,
    });
    if (ipFailures.length >= THROTTLE.ipFailures) {
      lockedUntil = Math.max(lockedUntil, ipFailures[ipFailures.length - 1].at.getTime() + THROTTLE.windowMs);
    }
    if (lockedUntil > now.getTime()) {
      const retryAfterSeconds = Math.ceil((lockedUntil - now.getTime()) / 1000);
      throw new AppError(ErrorCode.RATE_LIMITED, `Too many failed logins: try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`, {
        retryAfterSeconds,
        http: { status: 429, headers: new HeaderMap([["retry-after", String(retryAfterSeconds)]]) },
      });
    }
  }

  private async recordFailure(email: string, ip: string, now: Date): Promise<void> {
    const repo = this.dataSource.getRepository(LoginFailure);
    await repo.insert({ email, ip, at: now });
    await repo.delete({ email, at: LessThan(new Date(now.getTime() - 24 * 3600_000)) }); // old failures matter no more
  }
}

const isUniqueViolation = (e: unknown) => /ER_DUP_ENTRY|UNIQUE constraint/.test(String((e as { code?: string }).code ?? (e as Error).message));

export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}
