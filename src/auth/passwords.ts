import argon2 from "argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import { badInput } from "../core/errors";

/** argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane). */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
/** zxcvbn's score 3: "safely unguessable", well past what an attacker tries against a slow hash. */
const MIN_STRENGTH = 3;

/** Everyone's password in the demo. Refused for every account outside the embedded demo. */
export const DEMO_PASSWORD = "ocop-demo-password";

const estimator = new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

export type PasswordRules = {
  argument?: string;
  /** the e-mail and name of the account: a password built from them is weak */ userInputs?: string[];
  demo?: boolean;
};

/** Length, strength (common passwords, repeats, the account's own words) and never the published demo password outside the demo. */
export function checkPasswordRules(
  password: string,
  { argument = "password", userInputs = [], demo = false }: PasswordRules = {},
): void {
  // The messages name the rule, never the value.
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw badInput("auth.passwordLength", argument, { min: PASSWORD_MIN, max: PASSWORD_MAX });
  }
  if (!demo && password === DEMO_PASSWORD) throw badInput("auth.demoPassword", argument);
  if (
    password !== DEMO_PASSWORD &&
    estimator.check(
      password,
      userInputs.flatMap((u) => [u, ...u.split(/[@.\s]+/)]),
    ).score < MIN_STRENGTH
  ) {
    throw badInput("auth.weakPassword", argument);
  }
}

export const hashPassword = (password: string) => argon2.hash(password, OPTIONS);

/** A hash of nothing anyone knows: verified against when the email is unknown, so both cases take as long. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= argon2.hash(`decoy-${Math.random()}-${Date.now()}`, OPTIONS));

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
