import { authed } from "@/lib/api/handler";

// The signed-in user as the session check sees them: the cheapest signed-in request (benchmarks
// measure every other route against it) and what a client asks to learn who it is.
export const GET = authed(async ({ actor }) =>
  Response.json({ id: actor.id, name: actor.name, email: actor.email, role: actor.role, managerId: actor.managerId }),
);
