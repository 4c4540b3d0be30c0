// Break reasons: everyone signed in reads the active ones; admins read all (?all=1) and add.
import { authed, readJson, searchParams } from "@/lib/api/handler";
import { breakReasonSchema } from "@/lib/breaks/schemas";
import { createBreakReason, listBreakReasons } from "@/lib/breaks/service";

export const GET = authed(async ({ request, actor }) =>
  Response.json(await listBreakReasons(actor, { all: searchParams(request).all === "1" })),
);

export const POST = authed(async ({ request, actor }) =>
  Response.json(await createBreakReason(actor, await readJson(request, breakReasonSchema)), { status: 201 }),
);
