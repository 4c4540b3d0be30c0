// Standard Webhooks signatures (https://www.standardwebhooks.com): the secret is "whsec_" and base64
// bytes; each try carries webhook-id (the event's, the same on every try), webhook-timestamp (the
// try's, in seconds) and webhook-signature "v1,<base64 HMAC-SHA256(secret, id.timestamp.body)>",
// one per secret in force (space-separated while a rotated secret is still honoured).
import { createHmac, randomBytes } from "node:crypto";

const PREFIX = "whsec_";

export function newWebhookSecret(): string {
  return PREFIX + randomBytes(24).toString("base64");
}

function signOne(secret: string, content: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(content).digest("base64")}`;
}

export function signatureHeaders(
  { id, timestamp, body }: { id: string; timestamp: Date; body: string },
  secrets: string[],
): Record<string, string> {
  const seconds = Math.floor(timestamp.getTime() / 1000).toString();
  const content = `${id}.${seconds}.${body}`;
  return {
    "webhook-id": id,
    "webhook-timestamp": seconds,
    "webhook-signature": secrets.map((s) => signOne(s, content)).join(" "),
  };
}
