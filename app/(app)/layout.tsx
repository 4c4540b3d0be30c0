import { ActiveCallBar } from "@/components/calls/active-call-bar";
import { CallClockProvider } from "@/components/calls/call-clock";
import { AppNav } from "@/components/layout/app-nav";
import { IncomingCall } from "@/components/live/incoming-call";
import { LiveProvider } from "@/components/live/live-provider";
import { NewLeadPop } from "@/components/live/new-lead-pop";
import { requirePageActor } from "@/lib/auth/page-actor";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // Each page decides about a one-time password (the account page lets it through).
  const actor = await requirePageActor({ allowPasswordChange: true });
  const page = (
    <div className="min-h-screen">
      <AppNav user={{ name: actor.name, email: actor.email, role: actor.role }} live={!actor.mustChangePassword} />
      {/* Below desk width the tab bar is fixed at the bottom: the page ends above it. */}
      <main className="mx-auto max-w-7xl px-4 pt-6 pb-28 sm:px-6 lg:pb-8">{children}</main>
    </div>
  );
  // The live stream (pushed updates, the call bar off its lead's page, the inbound screen pop, the new-lead pop) once the
  // account is usable.
  if (actor.mustChangePassword) return page;
  return (
    <CallClockProvider scale={env.SMARTFLO_SIMULATOR === "1" ? env.SMARTFLO_SIMULATOR_TIME_SCALE : 1}>
      <LiveProvider since={Date.now()} viewerId={actor.id}>
        {page}
        <ActiveCallBar />
        <IncomingCall />
        <NewLeadPop />
      </LiveProvider>
    </CallClockProvider>
  );
}
