// Step into a live call: monitor, whisper, barge (supervisors) or transfer (also the call's agent).
import { authed, readJson } from "@/lib/api/handler";
import { callOption } from "@/lib/calls/options";
import { callOptionSchema } from "@/lib/calls/schemas";

export const POST = authed<{ id: string }>(async ({ request, actor, params }) =>
  Response.json(await callOption(actor, params.id, await readJson(request, callOptionSchema))),
);
