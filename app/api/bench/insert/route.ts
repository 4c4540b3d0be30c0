// Benchmark floor (`npm run bench` only): the smallest useful route — one raw insert of the body.
// On PostgreSQL it uses `pg` directly (the same insert as the bare node:http baseline); on the
// embedded PGlite, which only this process can open, the app's own client. 404 unless BENCH_ROUTES=1.
import pg from "pg";
import { database } from "@/lib/db";

let pool: pg.Pool | null = null;

export async function POST(request: Request): Promise<Response> {
  if (process.env.BENCH_ROUTES !== "1") return new Response(null, { status: 404 });
  const body = await request.text();
  if (process.env.DATABASE_URL) {
    pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    await pool.query("INSERT INTO bench_raw (body) VALUES ($1)", [body]);
  } else {
    await database().db.$executeRaw`INSERT INTO bench_raw (body) VALUES (${body})`;
  }
  return Response.json({ ok: true });
}
