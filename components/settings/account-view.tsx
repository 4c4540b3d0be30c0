"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { authClient } from "@/lib/auth/client";
import { sessionsChanged, sessionsOptions } from "@/lib/queries/account";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/users/schemas";
import { formatDateTime } from "../ui/format";

function browserName(userAgent: string | null | undefined): string {
  if (!userAgent) return "Unknown device";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Chrome\//.test(userAgent)
      ? "Chrome"
      : /Firefox\//.test(userAgent)
        ? "Firefox"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "Browser";
  const os = /Windows/.test(userAgent)
    ? "Windows"
    : /Android/.test(userAgent)
      ? "Android"
      : /iPhone|iPad/.test(userAgent)
        ? "iOS"
        : /Mac OS/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : "";
  return os ? `${browser} on ${os}` : browser;
}

function ChangePassword({ required }: { required: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = String(form.get("newPassword"));
    // The checks are ours (noValidate): a short password is named in the alert, not in a browser bubble that passes unseen.
    if (!String(form.get("currentPassword"))) return setError("Enter your current password.");
    if (next !== String(form.get("confirm"))) return setError("The new passwords do not match.");
    if (next.length < MIN_PASSWORD_LENGTH) return setError(`Use at least ${MIN_PASSWORD_LENGTH} characters for the new password.`);
    setPending(true);
    setError(null);
    const { error } = await authClient.changePassword({
      currentPassword: String(form.get("currentPassword")),
      newPassword: next,
      revokeOtherSessions: form.get("revokeOthers") === "on",
    });
    setPending(false);
    if (error) {
      setError(
        error.status === 400 || error.status === 401
          ? "The current password is wrong."
          : (error.message ?? "Could not change the password."),
      );
      return;
    }
    setDone(true);
    (event.target as HTMLFormElement).reset();
    sessionsChanged(queryClient);
    if (required) router.replace("/");
    router.refresh();
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-4 rounded-xl bg-white p-6 shadow-xs ring-1 ring-slate-200"
      aria-labelledby="password-heading"
    >
      <h2 id="password-heading" className="text-base font-semibold text-slate-900">
        {required ? "Set your own password" : "Change password"}
      </h2>
      {required && <Alert tone="warning">You signed in with a one-time password. Choose your own before you continue.</Alert>}
      {error && <Alert>{error}</Alert>}
      {done && <Alert tone="success">Password changed.</Alert>}
      <Field label="Current password">
        {(p) => <input {...p} name="currentPassword" type="password" autoComplete="current-password" required className={inputClass} />}
      </Field>
      <Field label="New password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}>
        {(p) => (
          <input
            {...p}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            maxLength={MAX_PASSWORD_LENGTH}
            required
            className={inputClass}
          />
        )}
      </Field>
      <Field label="New password again">
        {(p) => <input {...p} name="confirm" type="password" autoComplete="new-password" required className={inputClass} />}
      </Field>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="revokeOthers" defaultChecked className="size-4 rounded border-slate-300" />
        Sign out my other sessions
      </label>
      <Button type="submit" loading={pending}>
        Change password
      </Button>
    </form>
  );
}

function Sessions() {
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const current = authClient.useSession();
  const sessions = useQuery(sessionsOptions());
  async function revokeOthers() {
    setRevoking(true);
    const { error } = await authClient.revokeOtherSessions();
    setRevoking(false);
    setMessage(error ? (error.message ?? "Could not sign out the other sessions.") : "Your other sessions are signed out.");
    sessionsChanged(queryClient);
  }
  const others = (sessions.data ?? []).filter((s) => s.token !== current.data?.session.token);
  return (
    <section className="space-y-4 rounded-xl bg-white p-6 shadow-xs ring-1 ring-slate-200" aria-labelledby="sessions-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="sessions-heading" className="text-base font-semibold text-slate-900">
          Where you are signed in
        </h2>
        <Button variant="secondary" onClick={revokeOthers} loading={revoking} disabled={sessions.isPending || others.length === 0}>
          Sign out other sessions
        </Button>
      </div>
      {message && <Alert tone="success">{message}</Alert>}
      {sessions.isError && <Alert>{sessions.error.message}</Alert>}
      {sessions.isPending ? (
        <Spinner className="size-5 text-slate-400" />
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="sessions">
          {(sessions.data ?? []).map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="font-medium text-slate-800">
                {browserName(s.userAgent)}
                {s.token === current.data?.session.token && (
                  <span className="ml-2 rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-700">this browser</span>
                )}
              </span>
              <span className="text-slate-500">
                since {formatDateTime(new Date(s.createdAt).toISOString())}
                {s.ipAddress ? ` · ${placeOf(s.ipAddress)}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function AccountView({ user, mustChangePassword }: { user: { name: string; email: string }; mustChangePassword: boolean }) {
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Your account</h1>
        <p className="text-sm text-slate-600">
          {user.name} · {user.email}
        </p>
      </div>
      <ChangePassword required={mustChangePassword} />
      {!mustChangePassword && <Sessions />}
    </div>
  );
}

/** Where a session signed in from: the address, or "this machine" for the loopback and unspecified ones. */
function placeOf(ip: string): string {
  return ["::", "::1", "127.0.0.1", "0.0.0.0", "::ffff:127.0.0.1"].includes(ip) ? "this machine" : ip;
}
