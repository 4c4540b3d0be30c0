// The live board's data: managers their team, admins everyone, agents 404.
import { authed } from "@/lib/api/handler";
import { liveBoard } from "@/lib/board/service";

export const GET = authed(async ({ actor }) => Response.json(await liveBoard(actor)));
