// Sends fixture deliveries through the real webhook route handler.
import * as webhookRoute from "@/app/api/v1/smartflo/webhook/route";
import type { Delivery } from "@/lib/smartflo/__fixtures__/deliveries";
import { call } from "./http";

export function fill(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === "string") return value.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? `{{${k}}}`);
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [fill(k, vars) as string, fill(v, vars)]));
  return value;
}

export async function send(delivery: Delivery, vars: Record<string, string> = {}, extraQuery: Record<string, string> = {}) {
  const query = new URLSearchParams({ ...(fill(delivery.query ?? {}, vars) as Record<string, string>), ...extraQuery });
  const path = `/api/v1/smartflo/webhook${query.size ? `?${query}` : ""}`;
  const method = delivery.method ?? "POST";
  const isForm = delivery.contentType?.includes("x-www-form-urlencoded") && typeof delivery.body === "object";
  const body =
    delivery.body === undefined
      ? undefined
      : typeof delivery.body === "string"
        ? (fill(delivery.body, vars) as string)
        : isForm
          ? new URLSearchParams(fill(delivery.body, vars) as Record<string, string>).toString()
          : JSON.stringify(fill(delivery.body, vars));
  const headers: Record<string, string> = {};
  const contentType =
    delivery.contentType === undefined ? (typeof delivery.body === "object" ? "application/json" : undefined) : delivery.contentType;
  if (contentType) headers["content-type"] = contentType;
  const handler = method === "GET" ? webhookRoute.GET : webhookRoute.POST;
  const res = await call(handler, { path, method, rawBody: method === "GET" ? undefined : body, headers });
  // The body says only that the delivery was accepted; the stored delivery's id comes as a receipt header.
  return { ...res, eventId: res.headers.get("x-delivery-id") };
}
