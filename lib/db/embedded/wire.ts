// Just enough of PostgreSQL's wire protocol (v3) to share one embedded database between several
// client connections: where one message ends, which messages open a session, whether the backend
// is idle again, which notifications it sent and which channels a client LISTENs on.

export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;
export const PROTOCOL_V3 = 196608;

export type ClientMessage =
  | { kind: "startup"; bytes: Buffer }
  | { kind: "ssl" }
  | { kind: "cancel" }
  | { kind: "typed"; type: string; bytes: Buffer };

/**
 * Splits complete messages off the front of a client's buffer. Before the session starts, messages
 * carry no type byte (startup, SSL and cancel requests); afterwards each is `type + int32 length`.
 */
export function takeClientMessages(buffer: Buffer, started: boolean): { messages: ClientMessage[]; rest: Buffer; started: boolean } {
  const messages: ClientMessage[] = [];
  let offset = 0;
  let isStarted = started;
  while (true) {
    if (!isStarted) {
      if (buffer.length - offset < 8) break;
      const length = buffer.readInt32BE(offset);
      if (buffer.length - offset < length) break;
      const code = buffer.readInt32BE(offset + 4);
      const bytes = buffer.subarray(offset, offset + length);
      offset += length;
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) messages.push({ kind: "ssl" });
      else if (code === CANCEL_REQUEST) messages.push({ kind: "cancel" });
      else {
        messages.push({ kind: "startup", bytes: Buffer.from(bytes) });
        isStarted = true;
      }
      continue;
    }
    if (buffer.length - offset < 5) break;
    const length = 1 + buffer.readInt32BE(offset + 1);
    if (buffer.length - offset < length) break;
    messages.push({
      kind: "typed",
      type: String.fromCharCode(buffer[offset]!),
      bytes: Buffer.from(buffer.subarray(offset, offset + length)),
    });
    offset += length;
  }
  return { messages, rest: buffer.subarray(offset), started: isStarted };
}

export type BackendSummary = {
  /** The output without notifications (they go to the connections that listen). */
  output: Buffer;
  notifications: { channel: string; message: Buffer }[];
  /** Status of the last ReadyForQuery: "I" idle, "T" in a transaction, "E" failed transaction; null if none. */
  ready: "I" | "T" | "E" | null;
};

/** Reads the backend's answer: strips NotificationResponse ('A') messages and finds the last ReadyForQuery. */
export function summarizeBackendOutput(data: Uint8Array): BackendSummary {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const kept: Buffer[] = [];
  const notifications: BackendSummary["notifications"] = [];
  let ready: BackendSummary["ready"] = null;
  let offset = 0;
  let keptFrom = 0;
  while (buffer.length - offset >= 5) {
    const type = String.fromCharCode(buffer[offset]!);
    const length = 1 + buffer.readInt32BE(offset + 1);
    if (type === "A") {
      if (offset > keptFrom) kept.push(buffer.subarray(keptFrom, offset));
      const message = Buffer.from(buffer.subarray(offset, offset + length));
      const channelEnd = message.indexOf(0, 9);
      notifications.push({ channel: message.toString("utf8", 9, channelEnd), message });
      keptFrom = offset + length;
    } else if (type === "Z") {
      ready = String.fromCharCode(buffer[offset + 5]!) as "I" | "T" | "E";
    }
    offset += length;
  }
  if (keptFrom === 0) return { output: Buffer.from(buffer), notifications, ready };
  if (keptFrom < buffer.length) kept.push(buffer.subarray(keptFrom));
  return { output: Buffer.concat(kept), notifications, ready };
}

/** The SQL text of a simple query ('Q') or of a Parse ('P'), else null. */
export function queryText(message: Buffer): string | null {
  const type = String.fromCharCode(message[0]!);
  if (type === "Q") return message.toString("utf8", 5, message.length - 1);
  if (type === "P") {
    const nameEnd = message.indexOf(0, 5);
    const textEnd = message.indexOf(0, nameEnd + 1);
    return message.toString("utf8", nameEnd + 1, textEnd);
  }
  return null;
}

/** Channels a statement starts (`LISTEN x`) or stops (`UNLISTEN x`, `UNLISTEN *` as "*") listening on. */
export function listenChanges(sql: string): { listen: string[]; unlisten: string[] } {
  const listen: string[] = [];
  const unlisten: string[] = [];
  for (const m of sql.matchAll(/(?:^|;)\s*(UN)?LISTEN\s+(\*|"((?:[^"]|"")+)"|[A-Za-z_][\w$]*)/gi)) {
    const channel = m[3] !== undefined ? m[3].replaceAll('""', '"') : m[2] === "*" ? "*" : (m[2] ?? "").toLowerCase();
    (m[1] ? unlisten : listen).push(channel);
  }
  return { listen, unlisten };
}

/** A Sync ('S') message: ends an unfinished extended-protocol exchange. */
export const SYNC_MESSAGE = Buffer.from([0x53, 0, 0, 0, 4]);

/** A simple query ('Q') message. */
export function simpleQuery(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`, "utf8");
  const header = Buffer.alloc(5);
  header[0] = 0x51;
  header.writeInt32BE(4 + text.length, 1);
  return Buffer.concat([header, text]);
}

/** The server's "no SSL" answer to an SSLRequest or GSSENCRequest. */
export const NO_SSL = Buffer.from("N");

/** An ErrorResponse ('E') a client shows as a normal database error. */
export function errorResponse(message: string, code = "57P01"): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`, "utf8");
  const header = Buffer.alloc(5);
  header[0] = 0x45;
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}
