"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputBaseClass, inputClass } from "@/components/ui/field";
import { FormAlert, useFormErrors } from "@/components/ui/form-errors";
import { Options } from "@/components/ui/options";
import { QueryState } from "@/components/ui/query-state";
import { onSubmit } from "@/components/ui/submit";
import { ApiError, reacting } from "@/lib/queries/api";
import {
  type AdminUser,
  adminUsersOptions,
  createUserMutation,
  type SmartfloAgent,
  smartfloAgentsOptions,
  updateUserMutation,
} from "@/lib/queries/users";
import { createUserSchema, MIN_PASSWORD_LENGTH } from "@/lib/users/schemas";

function UserRow({ user, managers, agents }: { user: AdminUser; managers: AdminUser[]; agents: SmartfloAgent[] }) {
  const [number, setNumber] = useState(user.smartfloAgentNumber ?? "");
  const save = useMutation(updateUserMutation(user.id));
  const error = save.error instanceof ApiError ? (Object.values(save.error.fields)[0] ?? save.error.message) : save.error?.message;
  return (
    <tr className={user.active ? "" : "bg-slate-50 text-slate-400"} data-user={user.email}>
      <td className="px-4 py-3">
        <div className="font-medium text-slate-900">{user.name}</div>
        <div className="text-xs text-slate-500">{user.email}</div>
      </td>
      <td className="px-4 py-3">
        <select
          aria-label={`Role of ${user.name}`}
          value={user.role}
          onChange={(e) => save.mutate({ role: e.target.value as AdminUser["role"] })}
          className={inputBaseClass}
        >
          <option value="AGENT">Agent</option>
          <option value="MANAGER">Manager</option>
          <option value="ADMIN">Admin</option>
        </select>
      </td>
      <td className="px-4 py-3">
        <form className="flex items-center gap-2" onSubmit={onSubmit(() => save.mutate({ smartfloAgentNumber: number.trim() || null }))}>
          <input
            aria-label={`Smartflo agent number of ${user.name}`}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            list="smartflo-agents"
            placeholder="e.g. 9000000001"
            className={`${inputBaseClass} w-36`}
          />
          <Button
            type="submit"
            size="sm"
            variant="secondary"
            disabled={number === (user.smartfloAgentNumber ?? "")}
            loading={save.isPending}
          >
            Save
          </Button>
        </form>
        {agents.length > 0 && number && !agents.some((a) => a.number === number) && (
          <p className="mt-1 text-xs text-amber-700">Not an agent number Smartflo lists</p>
        )}
      </td>
      <td className="px-4 py-3">
        <select
          aria-label={`Manager of ${user.name}`}
          value={user.managerId ?? ""}
          onChange={(e) => save.mutate({ managerId: e.target.value || null })}
          className={inputBaseClass}
        >
          <option value="">None</option>
          <Options items={managers.filter((m) => m.id !== user.id)} value={(m) => m.id} label={(m) => m.name} />
        </select>
      </td>
      <td className="px-4 py-3">
        <Button size="sm" variant={user.active ? "ghost" : "secondary"} onClick={() => save.mutate({ active: !user.active })}>
          {user.active ? "Deactivate" : "Reactivate"}
        </Button>
        {error && (
          <p role="alert" className="mt-1 max-w-48 text-xs text-rose-600">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}

function NewUserForm({ managers }: { managers: AdminUser[] }) {
  const errors = useFormErrors();
  const fields = errors.fields;
  const create = useMutation(reacting(createUserMutation(), { onError: errors.fromError }));
  return (
    <form
      aria-label="New user"
      noValidate
      className="grid gap-3 rounded-xl bg-white p-5 shadow-xs ring-1 ring-slate-200 sm:grid-cols-3"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        const text = (key: string) => String(data.get(key) ?? "");
        const input = errors.check(createUserSchema, {
          name: text("name"),
          email: text("email"),
          password: text("password"),
          role: text("role"),
          smartfloAgentNumber: text("smartfloAgentNumber").trim() || null,
          managerId: text("managerId") || null,
        });
        if (input) create.mutate(input, { onSuccess: () => form.reset() });
      }}
    >
      <h2 className="text-base font-semibold text-slate-900 sm:col-span-3">Add a user</h2>
      <div className="sm:col-span-3 empty:hidden">
        <FormAlert error={create.error} fields={fields} shown={["name", "email", "password", "role", "smartfloAgentNumber", "managerId"]} />
      </div>
      <Field label="Name" error={fields.name}>
        {(p) => <input {...p} name="name" className={inputClass} />}
      </Field>
      <Field label="Email" error={fields.email}>
        {(p) => <input {...p} name="email" type="email" className={inputClass} />}
      </Field>
      <Field label="Initial password" error={fields.password} hint={`At least ${MIN_PASSWORD_LENGTH} characters; share it privately.`}>
        {(p) => <input {...p} name="password" type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Field label="Role" error={fields.role}>
        {(p) => (
          <select {...p} name="role" defaultValue="AGENT" className={inputClass}>
            <option value="AGENT">Agent</option>
            <option value="MANAGER">Manager</option>
            <option value="ADMIN">Admin</option>
          </select>
        )}
      </Field>
      <Field label="Smartflo agent number" error={fields.smartfloAgentNumber}>
        {(p) => <input {...p} name="smartfloAgentNumber" list="smartflo-agents" className={inputClass} />}
      </Field>
      <Field label="Manager" error={fields.managerId}>
        {(p) => (
          <select {...p} name="managerId" className={inputClass}>
            <option value="">None</option>
            <Options items={managers} value={(m) => m.id} label={(m) => m.name} />
          </select>
        )}
      </Field>
      <div className="flex items-center justify-end gap-3 sm:col-span-3">
        {create.isSuccess && (
          <span className="text-sm text-emerald-700" role="status">
            User created.
          </span>
        )}
        <Button type="submit" loading={create.isPending}>
          Add user
        </Button>
      </div>
    </form>
  );
}

export function UsersView() {
  const users = useQuery(adminUsersOptions());
  const agents = useQuery(smartfloAgentsOptions());
  const list = users.data?.items ?? [];
  const managers = list.filter((u) => u.role !== "AGENT" && u.active);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Users</h1>
        <p className="text-sm text-slate-500">Roles, teams and each agent's Smartflo number (the number click-to-call rings first).</p>
      </div>
      {agents.isError && (
        <Alert tone="warning">Could not load Smartflo's agent list: {agents.error.message}. You can still type numbers.</Alert>
      )}
      <datalist id="smartflo-agents">
        {agents.data?.items.map(
          (a) =>
            a.number && (
              <option key={a.number} value={a.number}>
                {a.name ?? a.email ?? ""}
              </option>
            ),
        )}
      </datalist>
      <QueryState query={users} what="users">
        {(_d) => (
          <div className="scroll-shadow-x relative overflow-x-auto rounded-xl shadow-xs ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
                <tr>
                  <th className="px-4 py-2.5">User</th>
                  <th className="px-4 py-2.5">Role</th>
                  <th className="px-4 py-2.5">Smartflo agent number</th>
                  <th className="px-4 py-2.5">Manager</th>
                  <th className="px-4 py-2.5">Access</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.map((u) => (
                  <UserRow key={u.id} user={u} managers={managers} agents={agents.data?.items ?? []} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      <NewUserForm managers={managers} />
    </div>
  );
}
