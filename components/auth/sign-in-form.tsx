"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { authClient } from "@/lib/auth/client";
import { safeNextPath } from "@/lib/http/safe-next";

export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error } = await authClient.signIn.email({ email: String(form.get("email")), password: String(form.get("password")) });
    if (error) {
      setPending(false);
      // 429: the message says how long to wait.
      setError(error.status === 401 ? "Wrong email or password." : (error.message ?? "Could not sign in. Try again."));
      return;
    }
    router.replace(safeNextPath(params.get("next"), window.location.origin));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate={false}>
      {error && <Alert>{error}</Alert>}
      <Field label="Email">
        {(p) => <input {...p} name="email" type="email" autoComplete="username" required autoFocus className={inputClass} />}
      </Field>
      <Field label="Password">
        {(p) => <input {...p} name="password" type="password" autoComplete="current-password" required className={inputClass} />}
      </Field>
      <Button type="submit" size="lg" loading={pending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
