import argon2 from "argon2";
import { badInput } from "../core/errors";

/** argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane). */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export function checkPasswordRules(password: string, argument = "password"): void {
  // The message names the rule, never the value.
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw badInput(`${argument} must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long`, { argument });
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
