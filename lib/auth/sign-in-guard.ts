// Brute-force limits on passwords, in PostgreSQL so every app instance counts together: failed
// sign-ins per account and per client address, failed password changes per user. A blocked
// attempt is answered 429 with Retry-After and never reaches the password check.

import "server-only";
import { UNKNOWN_ADDRESS } from "../http/client-address";
import { hit, peek, type RateRule, type RateState, reset } from "../http/rate-limit";

export const SIGN_IN_LIMITS = {
  /** Guessing one account's password. */
  account: { limit: 5, windowSeconds: 15 * 60 },
  /** One address trying many accounts. */
  address: { limit: 20, windowSeconds: 15 * 60 },
  /** Guessing the current password on the account page (with a stolen session). */
  passwordChange: { limit: 5, windowSeconds: 15 * 60 },
} satisfies Record<string, RateRule>;

const accountKey = (email: string) => `sign-in:account:${email.trim().toLowerCase()}`;
const addressKey = (ip: string) => `sign-in:address:${ip}`;
const passwordKey = (userId: string) => `password-change:user:${userId}`;

/** The first limit a sign-in would break, if any. An unknown address is not counted (it would lock everyone out together). */
export async function signInBlocked(email: string, ip: string): Promise<RateState | null> {
  const [byAccount, byAddress] = await Promise.all([
    peek(accountKey(email), SIGN_IN_LIMITS.account),
    ip === UNKNOWN_ADDRESS ? null : peek(addressKey(ip), SIGN_IN_LIMITS.address),
  ]);
  return [byAccount, byAddress].find((s) => s?.exceeded) ?? null;
}

export async function recordSignInFailure(email: string, ip: string): Promise<void> {
  await Promise.all([
    hit(accountKey(email), SIGN_IN_LIMITS.account),
    ip === UNKNOWN_ADDRESS ? null : hit(addressKey(ip), SIGN_IN_LIMITS.address),
  ]);
}

/** A correct password clears the account's failures (the address keeps its count). */
export async function recordSignInSuccess(email: string): Promise<void> {
  await reset(accountKey(email));
}

export async function passwordChangeBlocked(userId: string): Promise<RateState | null> {
  const s = await peek(passwordKey(userId), SIGN_IN_LIMITS.passwordChange);
  return s.exceeded ? s : null;
}

export async function recordPasswordChangeFailure(userId: string): Promise<void> {
  await hit(passwordKey(userId), SIGN_IN_LIMITS.passwordChange);
}
