// Brute-force limits on passwords, in PostgreSQL so every app instance counts together: failed
// sign-ins per account and per client address, failed password changes per user. A blocked
// attempt is answered 429 with Retry-After and never reaches the password check.

import "server-only";
import ipaddr from "ipaddr.js";
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

/**
 * An address as one client: an IPv6 address by its /64 (one household or phone gets a whole /64,
 * so counting each address alone would give an attacker 2^64 fresh tries), IPv4 as it is.
 */
export function addressBucket(ip: string): string {
  if (!ip.includes(":")) return ip;
  try {
    const parts = ipaddr.IPv6.parse(ip).parts.slice(0, 4);
    return `${parts.map((p) => p.toString(16)).join(":")}::/64`;
  } catch {
    return ip;
  }
}

const accountKey = (email: string) => `sign-in:account:${email.trim().toLowerCase()}`;
const addressKey = (ip: string) => `sign-in:address:${addressBucket(ip)}`;
const pairKey = (email: string, ip: string) => `sign-in:pair:${email.trim().toLowerCase()}:${addressBucket(ip)}`;
const passwordKey = (userId: string) => `password-change:user:${userId}`;

/**
 * The first limit a sign-in would break, if any. An account under attack stays closed to the
 * addresses the failures came from, but its owner, from an address that has not failed for it,
 * still gets their password checked: guessing from elsewhere cannot lock a floor out. An unknown
 * address is not counted (it would lock everyone out together) and gets no such pass.
 */
export async function signInBlocked(email: string, ip: string): Promise<RateState | null> {
  const known = ip !== UNKNOWN_ADDRESS;
  const [byAccount, byAddress, byPair] = await Promise.all([
    peek(accountKey(email), SIGN_IN_LIMITS.account),
    known ? peek(addressKey(ip), SIGN_IN_LIMITS.address) : null,
    known ? peek(pairKey(email, ip), SIGN_IN_LIMITS.account) : null,
  ]);
  if (byAddress?.exceeded) return byAddress;
  if (byAccount.exceeded && (!byPair || byPair.count > 0)) return byAccount;
  return null;
}

export async function recordSignInFailure(email: string, ip: string): Promise<void> {
  const known = ip !== UNKNOWN_ADDRESS;
  await Promise.all([
    hit(accountKey(email), SIGN_IN_LIMITS.account),
    known ? hit(addressKey(ip), SIGN_IN_LIMITS.address) : null,
    known ? hit(pairKey(email, ip), SIGN_IN_LIMITS.account) : null,
  ]);
}

/** A correct password clears the account's failures (the address keeps its count). */
export async function recordSignInSuccess(email: string, ip?: string): Promise<void> {
  await Promise.all([reset(accountKey(email)), ip && ip !== UNKNOWN_ADDRESS ? reset(pairKey(email, ip)) : null]);
}

export async function passwordChangeBlocked(userId: string): Promise<RateState | null> {
  const s = await peek(passwordKey(userId), SIGN_IN_LIMITS.passwordChange);
  return s.exceeded ? s : null;
}

export async function recordPasswordChangeFailure(userId: string): Promise<void> {
  await hit(passwordKey(userId), SIGN_IN_LIMITS.passwordChange);
}
