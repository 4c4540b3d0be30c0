import { authed } from "@/lib/api/handler";
import { requestOrigin } from "@/lib/audit/log";
import { streamRecording } from "@/lib/calls/recording";

export const GET = authed<{ id: string }>(async ({ request, actor, params }) =>
  streamRecording({ actor, id: params.id, range: request.headers.get("range"), origin: requestOrigin(request.headers) }),
);
