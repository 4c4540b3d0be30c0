// Runs once when an app server starts (Next.js instrumentation): the environment is checked (in
// production the app refuses to start without its secrets), then the background jobs start on
// the PostgreSQL job queue every instance shares (lib/jobs).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  await import("./lib/env");
  const { startBackgroundJobsWithRetry } = await import("./lib/jobs");
  // A queue that cannot start must not take the app down: /api/health reports it, and it is tried again until it starts.
  await startBackgroundJobsWithRetry();
}
