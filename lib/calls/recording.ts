// Recordings are proxied, never linked: Smartflo's URLs can carry tokens or need auth and expire.
// The URL comes from a webhook, so it is treated as hostile: fetched only from the allowlisted
// recording hosts (SMARTFLO_RECORDING_HOSTS, or the simulator while it is the Smartflo in use),
// never from a private address, redirects checked hop by hop, the answer re-served as audio of a
// known type (or an inert download) with nosniff and a sandbox CSP, and capped in size. Streams
// with Range support so the player can seek. Every play is audited.
import "server-only";
import type { IncomingMessage } from "node:http";
import { Readable, Transform } from "node:stream";
import { audit, type RequestOrigin } from "../audit/log";
import type { Actor } from "../auth/actor";
import { callScope, leadScope } from "../auth/policy";
import { getComplianceSettings } from "../compliance/settings";
import { db } from "../db";
import { env } from "../env";
import { AppError, notFound } from "../errors";
import { type OriginVerdict, SafeFetchError, safeFetch } from "../http/safe-fetch";
import { smartflo, smartfloConfigured, smartfloMode } from "../smartflo";

export const recordingLimits = {
  /** Larger answers are refused (a recording is a few MB; this is hours of audio). */
  maxBytes: 100 * 1024 * 1024,
  /** Upstream ignored Range: we slice it ourselves up to this size. */
  maxBufferedBytes: 32 * 1024 * 1024,
};

/** The audio types we re-serve; anything else goes out as an inert download. */
const AUDIO_TYPES: Record<string, string> = {
  "audio/mpeg": "audio/mpeg",
  "audio/mp3": "audio/mpeg",
  "audio/wav": "audio/wav",
  "audio/x-wav": "audio/wav",
  "audio/wave": "audio/wav",
  "audio/vnd.wave": "audio/wav",
  "audio/ogg": "audio/ogg",
  "audio/opus": "audio/ogg",
  "audio/webm": "audio/webm",
  "audio/mp4": "audio/mp4",
  "audio/x-m4a": "audio/mp4",
  "audio/aac": "audio/aac",
  "audio/flac": "audio/flac",
  "audio/x-flac": "audio/flac",
};
const EXTENSION_TYPES: Record<string, string> = {
  mp3: "audio/mpeg",
  wav: "audio/wav",
  ogg: "audio/ogg",
  opus: "audio/ogg",
  webm: "audio/webm",
  m4a: "audio/mp4",
  aac: "audio/aac",
  flac: "audio/flac",
};

/** The response's type: upstream's when it is audio we know, else the file extension's, else null (download). */
export function recordingContentType(upstream: string | undefined, url: URL): string | null {
  const essence = upstream?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (AUDIO_TYPES[essence]) return AUDIO_TYPES[essence]!;
  const ext = url.pathname.split(".").at(-1)?.toLowerCase() ?? "";
  return EXTENSION_TYPES[ext] ?? null;
}

/** Whether a host matches an allowlist entry ("host", "host:port", "*.domain" for its subdomains). */
export function hostAllowed(url: URL, patterns: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  return patterns.some((pattern) => {
    const [name, port] = pattern.split(":") as [string, string | undefined];
    if (port !== undefined && port !== (url.port || "443")) return false;
    return name.startsWith("*.") ? host.endsWith(name.slice(1)) && host.length > name.length - 1 : host === name;
  });
}

/** The simulator's origin (scheme, host, port), only while it is the Smartflo in use. */
function simulatorOrigin(): string | null {
  return smartfloMode() === "simulator" ? new URL(env.SMARTFLO_BASE_URL).origin : null;
}

export function recordingOriginPolicy(url: URL): OriginVerdict {
  if (url.origin === simulatorOrigin()) return { allowed: true, publicOnly: false };
  if (url.protocol !== "https:") return { allowed: false, reason: "only https recording addresses are fetched" };
  if (url.username || url.password) return { allowed: false, reason: "recording addresses with credentials are not fetched" };
  if (!hostAllowed(url, env.SMARTFLO_RECORDING_HOSTS))
    return { allowed: false, reason: `${url.hostname} is not a recording host we fetch from (SMARTFLO_RECORDING_HOSTS)` };
  return { allowed: true, publicOnly: true };
}

/** Counts bytes through the stream and fails it past the cap (for answers without a Content-Length). */
function capped(maxBytes: number) {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > maxBytes ? new Error(`recording larger than ${maxBytes} bytes`) : null, chunk);
    },
  });
}

async function readAll(body: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      throw new AppError("UPSTREAM", "The recording is too large to serve");
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const refused = (message: string) => new AppError("UPSTREAM", `Cannot fetch this recording: ${message}`);

/** A play starts at the beginning (no Range, or bytes=0-); seeks within it are not new plays. */
const isNewPlay = (range: string | null) => !range || /^bytes=0-/.test(range.trim());

type StreamRecordingInput = { actor: Actor; id: string; range: string | null; origin?: RequestOrigin };

export async function streamRecording({ actor, id, range, origin }: StreamRecordingInput): Promise<Response> {
  const call = await db.call.findFirst({
    where: { AND: [{ id }, { OR: [callScope(actor), { lead: leadScope(actor) }] }] },
    select: {
      id: true,
      leadId: true,
      recordingUrl: true,
      recordingDeletedAt: true,
      recordingKeptDays: true,
      endedAt: true,
      createdAt: true,
    },
  });
  if (call?.recordingDeletedAt)
    throw new AppError("NOT_FOUND", `The recording was deleted${call.recordingKeptDays ? ` after ${call.recordingKeptDays} days` : ""}`, {
      code: "RECORDING_DELETED",
    });
  if (!call?.recordingUrl) throw notFound("Recording");
  // Past the retention period it is no longer served, even before the job has deleted its address.
  const { recordingRetentionDays: days } = await getComplianceSettings();
  if (days && (call.endedAt ?? call.createdAt).getTime() < Date.now() - days * 86_400_000)
    throw new AppError("NOT_FOUND", `The recording was deleted after ${days} days`, { code: "RECORDING_DELETED" });

  let fetched: Awaited<ReturnType<typeof safeFetch>>;
  try {
    fetched = await safeFetch(call.recordingUrl, {
      originPolicy: recordingOriginPolicy,
      timeoutMs: env.SMARTFLO_TIMEOUT_MS,
      maxRedirects: 3,
      headersFor: async (url) => {
        const headers: Record<string, string> = { Accept: "audio/*" };
        if (range) headers.Range = range;
        // Only Smartflo's own API origin gets our credentials; other hosts get the (tokenised) URL as is.
        const authorization = smartfloConfigured() ? await smartflo().authorizationFor(url) : null;
        if (authorization) headers.Authorization = authorization;
        return headers;
      },
    });
  } catch (error) {
    if (error instanceof SafeFetchError) throw refused(error.message);
    throw refused(error instanceof Error ? error.message : "Smartflo did not answer");
  }
  const { url, response: upstream } = fetched;
  const status = upstream.statusCode ?? 502;
  if (status === 416) {
    upstream.resume();
    return new Response(null, { status: 416, headers: { "Content-Range": String(upstream.headers["content-range"] ?? "") } });
  }
  if (status !== 200 && status !== 206) {
    upstream.resume();
    throw new AppError(
      "UPSTREAM",
      status === 404 || status === 410 ? "Smartflo no longer has this recording" : `Smartflo answered HTTP ${status} for the recording`,
    );
  }
  const declared = Number(upstream.headers["content-length"] ?? "NaN");
  if (Number.isFinite(declared) && declared > recordingLimits.maxBytes) {
    upstream.destroy();
    throw new AppError("UPSTREAM", "The recording is too large to serve");
  }
  if (isNewPlay(range)) {
    await audit({ actor, action: "recording.played", target: { type: "call", id: call.id }, after: { leadId: call.leadId }, origin });
  }

  const type = recordingContentType(upstream.headers["content-type"], url);
  const headers: Record<string, string> = {
    "Content-Type": type ?? "application/octet-stream",
    "Accept-Ranges": "bytes",
    "Cache-Control": "private, max-age=300",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox",
  };
  if (!type) headers["Content-Disposition"] = `attachment; filename="recording-${call.id}.bin"`;

  // Upstream honoured the range (or none was asked): pass the stream through.
  if (status === 206 || !range) {
    if (Number.isFinite(declared)) headers["Content-Length"] = String(declared);
    const contentRange = upstream.headers["content-range"];
    if (contentRange) headers["Content-Range"] = String(contentRange);
    const body = Readable.toWeb(upstream.pipe(capped(recordingLimits.maxBytes))) as ReadableStream<Uint8Array>;
    return new Response(body, { status, headers });
  }
  // Upstream ignored Range: slice it ourselves so seeking still works.
  const audio = await readAll(upstream, recordingLimits.maxBufferedBytes);
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  let start = m?.[1] ? Number(m[1]) : m?.[2] ? Math.max(0, audio.length - Number(m[2])) : 0;
  let end = m?.[1] && m[2] ? Math.min(Number(m[2]), audio.length - 1) : audio.length - 1;
  if (!m || start > end || start >= audio.length)
    return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${audio.length}` } });
  start = Math.max(0, start);
  end = Math.max(start, end);
  return new Response(new Uint8Array(audio.subarray(start, end + 1)), {
    status: 206,
    headers: { ...headers, "Content-Length": String(end - start + 1), "Content-Range": `bytes ${start}-${end}/${audio.length}` },
  });
}
