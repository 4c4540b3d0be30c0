import { authed } from "@/lib/api/handler";
import { streamRecording } from "@/lib/calls/recording";

export const GET = authed<{ id: string }>(async ({ request, actor, params }) => streamRecording({ actor, id: params.id, range: request.headers.get("range") }));
