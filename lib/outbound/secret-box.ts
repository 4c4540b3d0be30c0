// Secrets the server must read back (an outgoing webhook's signing secret, which only a hash cannot
// sign with), sealed at rest with AES-256-GCM under a key derived from the server's secret
// (BETTER_AUTH_SECRET): a copy of the database alone does not give them away.
import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "../env";

const VERSION = "v1";
let cachedKey: Buffer | null = null;

function key(): Buffer {
  cachedKey ??= Buffer.from(hkdfSync("sha256", authSecret, "smartflo-crm", "sealed-secrets/v1", 32));
  return cachedKey;
}

/** "v1.<iv>.<tag>.<ciphertext>", base64url parts. */
export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** The plain text; throws when the sealed text was not made with this server's key. */
export function unseal(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
