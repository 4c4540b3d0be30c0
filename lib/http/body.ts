// Reading a request body without trusting it: refused by its declared Content-Length first, read
// no further than the limit (a lying Content-Length or none at all), and checked for nesting depth
// before anything recursive touches it. Memory stays bounded whatever a client sends.

/** The body's raw bytes, or null when it is over `limit` bytes (declared or actual); what was read is dropped. */
export async function readBodyBytes(request: Request, limit: number): Promise<{ raw: Buffer | null; bytes: number }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => {});
    return { raw: null, bytes: declared };
  }
  if (!request.body) return { raw: Buffer.alloc(0), bytes: 0 };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel().catch(() => {});
      return { raw: null, bytes };
    }
    chunks.push(value);
  }
  return { raw: Buffer.concat(chunks), bytes };
}

/** The body as text, or null when it is over `limit` bytes (declared or actual); what was read is dropped. */
export async function readBodyText(request: Request, limit: number): Promise<{ text: string | null; bytes: number }> {
  const { raw, bytes } = await readBodyBytes(request, limit);
  return { text: raw === null ? null : new TextDecoder("utf-8", { fatal: false }).decode(raw), bytes };
}

/** Nesting deeper than any body of ours ever needs (a lead with custom fields is 4 levels). */
export const MAX_JSON_DEPTH = 32;

/** Whether JSON text nests arrays and objects deeper than `max` (scanned without recursion, strings skipped). */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}
