// Live streams as a browser's EventSource keeps them: GET /api/v1/events, and when the connection
// ends (its server was killed) a reconnect after the `retry:` the server asked for, with
// Last-Event-ID set to the last id received, until closed. Every event id received is kept.
import http from "node:http";

export interface Tab {
  userId: string;
  /** Event ids received (each frame's `id:`). */
  ids: Set<bigint>;
  /** Connections after the first. */
  reconnects: number;
  /** `resync` frames (the server could not replay what was missed). */
  resyncs: number;
  lastId: bigint | null;
  connected: boolean;
  /** Times the stream was refused (503 while PostgreSQL was down, 502 through the proxy). */
  refusals: number;
  close(): void;
}

export function openTab(port: number, cookie: string, userId: string, onConnected?: () => void): Tab {
  let closed = false;
  let retryMs = 2000;
  let current: http.ClientRequest | null = null;
  let first = true;
  const tab: Tab = {
    userId,
    ids: new Set(),
    reconnects: 0,
    resyncs: 0,
    lastId: null,
    connected: false,
    refusals: 0,
    close() {
      closed = true;
      current?.destroy();
    },
  };
  const again = () => {
    tab.connected = false;
    if (!closed) setTimeout(connect, retryMs);
  };
  const connect = () => {
    if (closed) return;
    const headers: Record<string, string> = { cookie, accept: "text/event-stream" };
    if (tab.lastId !== null) headers["last-event-id"] = String(tab.lastId);
    if (!first) tab.reconnects++;
    first = false;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      again();
    };
    const req = http.get({ host: "127.0.0.1", port, path: "/api/v1/events", headers }, (res) => {
      if (res.statusCode !== 200) {
        tab.refusals++;
        res.resume();
        res.on("end", end);
        res.on("error", end);
        return;
      }
      tab.connected = true;
      res.setEncoding("utf8");
      let buffer = "";
      res.on("data", (chunk: string) => {
        buffer += chunk;
        for (let cut = buffer.indexOf("\n\n"); cut >= 0; cut = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          for (const line of block.split("\n")) {
            if (line.startsWith("id: ")) {
              const id = BigInt(line.slice(4));
              tab.ids.add(id);
              tab.lastId = id;
            } else if (line.startsWith("retry: ")) retryMs = Number(line.slice(7)) || retryMs;
            else if (line === "event: resync") tab.resyncs++;
            else if (line === ": connected") onConnected?.();
          }
        }
      });
      res.on("end", end);
      res.on("error", end);
      res.on("close", end);
    });
    current = req;
    req.on("error", end);
  };
  connect();
  return tab;
}
