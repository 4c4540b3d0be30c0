// The signed-in user's break: GET the open one (or null), POST {reasonId} to start (201), DELETE to end.
import { authed, readJson } from "@/lib/api/handler";
import { startBreakSchema } from "@/lib/breaks/schemas";
import { endBreak, myBreak, startBreak } from "@/lib/breaks/service";

export const GET = authed(async ({ actor }) => Response.json(await myBreak(actor)));

export const POST = authed(async ({ request, actor }) =>
  Response.json(await startBreak(actor, await readJson(request, startBreakSchema)), { status: 201 }),
);

export const DELETE = authed(async ({ actor }) => Response.json(await endBreak(actor)));
