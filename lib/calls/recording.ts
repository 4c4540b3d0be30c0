// Recordings are proxied, never linked: Smartflo's URLs can carry tokens or need auth and expire.
// Streams with Range support so the player can seek.
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { env } from "../env";
import { AppError, notFound } from "../errors";
import { leadScope } from "../leads/service";
import { smartflo, smartfloConfigured } from "../smartflo";
import { callScope } from "./service";

const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

function allowedUrl(raw: string): URL | null {
  try {
    const url = new URL(raw);
    if (url.protocol === "https:") return url;
    // Plain http only for the local simulator / development: webhook data is not trusted to point inside our network.
    if (url.protocol === "http:" && (env.SMARTFLO_SIMULATOR === "1" || env.NODE_ENV !== "production")) return url;
  } catch {
    // fall through
  }
  return null;
}

export async function streamRecording({ actor, id, range }: { actor: Actor; id: string; range: string | null }): Promise<Response> {
  const call = await db.call.findFirst({
    where: { AND: [{ id }, { OR: [callScope(actor), { lead: leadScope(actor) }] }] },
    select: { recordingUrl: true },
  });
  if (!call?.recordingUrl) throw notFound("Recording");
  const url = allowedUrl(call.recordingUrl);
  if (!url) throw new AppError("UPSTREAM", "This recording's address is not one we fetch (not https)");

  // Smartflo-hosted recordings get our credentials; any other host gets the (tokenised) URL as is.
  const upstream = smartfloConfigured()
    ? await smartflo().fetchRecording(url.toString(), range).catch((error: unknown) => {
        throw new AppError("UPSTREAM", error instanceof Error ? error.message : "Cannot fetch the recording");
      })
    : await fetch(url, { headers: range ? { Range: range } : {}, signal: AbortSignal.timeout(env.SMARTFLO_TIMEOUT_MS) }).catch(() => {
        throw new AppError("UPSTREAM", "Cannot fetch the recording");
      });
  if (upstream.status === 416) return new Response(null, { status: 416, headers: { "Content-Range": upstream.headers.get("content-range") ?? "" } });
  if (!upstream.ok) {
    throw new AppError("UPSTREAM", upstream.status === 404 || upstream.status === 410 ? "Smartflo no longer has this recording" : `Smartflo answered HTTP ${upstream.status} for the recording`);
  }
  const contentType = upstream.headers.get("content-type") ?? "audio/mpeg";
  const headers: Record<string, string> = { "Content-Type": contentType, "Accept-Ranges": "bytes", "Cache-Control": "private, max-age=300" };

  // Upstream honoured the range (or none was asked): pass the stream through.
  if (upstream.status === 206 || !range) {
    for (const h of ["content-length", "content-range"]) {
      const v = upstream.headers.get(h);
      if (v) headers[h === "content-length" ? "Content-Length" : "Content-Range"] = v;
    }
    return new Response(upstream.body, { status: upstream.status, headers });
  }
  // Upstream ignored Range: slice it ourselves so seeking still works.
  const length = Number(upstream.headers.get("content-length") ?? "0");
  if (length > MAX_BUFFERED_BYTES) return new Response(upstream.body, { status: 200, headers });
  const body = Buffer.from(await upstream.arrayBuffer());
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  let start = m?.[1] ? Number(m[1]) : m?.[2] ? Math.max(0, body.length - Number(m[2])) : 0;
  let end = m?.[1] && m[2] ? Math.min(Number(m[2]), body.length - 1) : body.length - 1;
  if (!m || start > end || start >= body.length) return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${body.length}` } });
  start = Math.max(0, start);
  end = Math.max(start, end);
  return new Response(body.subarray(start, end + 1), {
    status: 206,
    headers: { ...headers, "Content-Length": String(end - start + 1), "Content-Range": `bytes ${start}-${end}/${body.length}` },
  });
}
