// The shapes of Smartflo's REST responses (SMARTFLO.md), parsed loosely: unknown fields are kept.
import "server-only";
import { z } from "zod";

export const loginSchema = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().optional() });

export const clickToCallSchema = z
  .object({
    success: z.unknown(),
    message: z.string().optional(),
    ref_id: z.string().optional(),
    call_id: z.union([z.string(), z.number()]).optional(),
    uuid: z.string().optional(),
    data: z
      .object({ call_id: z.union([z.string(), z.number()]).optional(), uuid: z.string().optional() })
      .loose()
      .optional(),
  })
  .loose();

export const liveCallSchema = z
  .object({
    call_id: z.union([z.string(), z.number()]).transform(String),
    direction: z.union([z.string(), z.number()]).optional(),
    state: z.string().optional(),
    agent_number: z.union([z.string(), z.number()]).transform(String).optional(),
    customer_number: z.union([z.string(), z.number()]).transform(String).optional(),
    destination_number: z.union([z.string(), z.number()]).transform(String).optional(),
    custom_identifier: z.string().optional(),
    created_at: z.string().optional(),
  })
  .loose();

export type LiveCall = z.infer<typeof liveCallSchema>;

export const recordSchema = z.object({ call_id: z.union([z.string(), z.number()]).transform(String) }).loose();

export type CallRecord = z.infer<typeof recordSchema>;

export const userSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String).optional(),
    name: z.string().optional(),
    email: z.string().optional(),
    agent_number: z.union([z.string(), z.number()]).transform(String).optional(),
    extension: z.union([z.string(), z.number()]).transform(String).optional(),
  })
  .loose();

export type SmartfloUser = z.infer<typeof userSchema>;

/** Lists arrive bare, or under `data`/`results`/`calls`/`users`. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.unknown().transform((raw, ctx): z.infer<T>[] => {
    const obj = raw as Record<string, unknown> | unknown[];
    const list = Array.isArray(obj)
      ? obj
      : (["data", "results", "calls", "users", "live_calls"].map((k) => (obj as Record<string, unknown>)?.[k]).find(Array.isArray) ?? []);
    const out: z.infer<T>[] = [];
    for (const entry of list as unknown[]) {
      const parsed = item.safeParse(entry);
      if (parsed.success) out.push(parsed.data);
    }
    if (!Array.isArray(obj) && typeof obj !== "object") ctx.addIssue({ code: "custom", message: "not a list" });
    return out;
  });
}

export function messageOf(body: unknown): { message: string | null; fields: Record<string, string> } {
  if (!body || typeof body !== "object")
    return { message: typeof body === "string" && body.trim() ? body.trim().slice(0, 300) : null, fields: {} };
  const b = body as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const source of [b.errors, b.error, b]) {
    if (source && typeof source === "object" && !Array.isArray(source)) {
      for (const [k, v] of Object.entries(source)) {
        if (["success", "message", "status", "code", "errors", "error"].includes(k)) continue;
        const text = Array.isArray(v) ? v.filter((x) => typeof x === "string").join(", ") : typeof v === "string" ? v : null;
        if (text) fields[k] = text;
      }
    }
  }
  const direct = [b.message, b.error, b.detail, b.msg].find((v) => typeof v === "string" && v.trim()) as string | undefined;
  const message =
    direct ??
    (Object.keys(fields).length
      ? Object.entries(fields)
          .map(([k, v]) => `${k}: ${v}`)
          .join("; ")
      : null);
  return { message: message?.slice(0, 300) ?? null, fields };
}
