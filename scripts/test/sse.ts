// Reads a Server-Sent Events response the way EventSource does: frames of `id`, `event`, `data`.
export interface SseEvent {
  id: string | null;
  event: string;
  data: unknown;
}

export class SseReader {
  readonly events: SseEvent[] = [];
  comments = 0;
  ended = false;
  private buffer = "";
  private waiters: (() => void)[] = [];
  private done: Promise<void>;

  constructor(response: Response) {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    this.done = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          this.buffer += decoder.decode(value, { stream: true });
          this.parse();
        }
      } catch {
        // aborted
      }
      this.ended = true;
      this.wake();
    })();
  }

  private parse() {
    for (let end = this.buffer.indexOf("\n\n"); end >= 0; end = this.buffer.indexOf("\n\n")) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let id: string | null = null;
      let event = "message";
      const data: string[] = [];
      let comment = false;
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) comment = true;
        else if (line.startsWith("id: ")) id = line.slice(4);
        else if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data.push(line.slice(6));
      }
      if (data.length) this.events.push({ id, event, data: JSON.parse(data.join("\n")) });
      else if (comment) this.comments++;
    }
    this.wake();
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves with the first event (from the start) that passes `test`; rejects after `ms`. */
  async waitFor(test: (e: SseEvent) => boolean, ms = 5000): Promise<SseEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.events.find(test);
      if (found) return found;
      if (this.ended) throw new Error(`stream ended without the event; got ${this.events.map((e) => e.event).join(", ") || "none"}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no such event within ${ms} ms; got ${this.events.map((e) => e.event).join(", ") || "none"}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Resolves when the server has closed the stream. */
  async untilEnd(ms = 5000) {
    await Promise.race([this.done, new Promise((_, reject) => setTimeout(() => reject(new Error("stream still open")), ms))]);
  }
}

/** Opens GET /api/v1/events through the route handler; `close()` drops the connection. */
export async function openStream(
  handler: (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
  cookie: string,
  headers: Record<string, string> = {},
) {
  const abort = new AbortController();
  const response = await handler(
    new Request("http://localhost:3000/api/v1/events", { headers: { cookie, ...headers }, signal: abort.signal }),
    { params: Promise.resolve({}) },
  );
  const reader = response.ok ? new SseReader(response) : null;
  return { response, reader, close: () => abort.abort() };
}
