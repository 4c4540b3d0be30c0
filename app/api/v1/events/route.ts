// The signed-in user's live stream (Server-Sent Events): see lib/live/stream.ts and the README.
import { authed } from "@/lib/api/handler";
import { openLiveStream } from "@/lib/live/stream";

export const dynamic = "force-dynamic";

export const GET = authed(async ({ request, actor }) => openLiveStream(request, actor));
