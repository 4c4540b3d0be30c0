// Custom lead fields: admins define, change and archive them (never delete while leads hold
// values); every path that writes a lead checks its values against the definitions here.
import "server-only";
import { audit } from "../audit/log";
import { type Actor, assertRole } from "../auth/actor";
import { db } from "../db";
import { AppError, isUniqueViolation, notFound, validationError } from "../errors";
import type { CreateCustomFieldInput, UpdateCustomFieldInput } from "./schemas";
import { type CustomFieldDef, type FieldValues, fieldValuesSchema, MAX_CUSTOM_FIELDS, parseFieldValues, type ValuesMode } from "./types";

/** Every definition, in order; archived ones last. */
export async function customFieldDefs(): Promise<CustomFieldDef[]> {
  return db.customField.findMany({
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { position: "asc" }, { createdAt: "asc" }],
  });
}

/**
 * For any signed-in user (the lead screens): the fields, archived ones too (their values are still
 * shown). With `usage` (the admins' settings page only: it reads every lead), how many leads hold a
 * value for each.
 */
export async function listCustomFields({ actor, usage = false }: { actor: Actor; usage?: boolean }) {
  const defs = await customFieldDefs();
  if (!usage) return { items: defs as (CustomFieldDef & { leadsWithValue?: number })[] };
  assertRole(actor, ["ADMIN"]);
  const counts = await db.$queryRaw<{ key: string; n: number }[]>`
    SELECT k AS key, count(*)::int AS n FROM lead, jsonb_object_keys(fields) k WHERE "erasedAt" IS NULL GROUP BY k`;
  const used = new Map(counts.map((c) => [c.key, c.n]));
  return { items: defs.map((d) => ({ ...d, leadsWithValue: used.get(d.key) ?? 0 })) };
}

export async function createCustomField({ actor, input }: { actor: Actor; input: CreateCustomFieldInput }) {
  assertRole(actor, ["ADMIN"]);
  if ((await db.customField.count()) >= MAX_CUSTOM_FIELDS)
    throw new AppError("CONFLICT", `At most ${MAX_CUSTOM_FIELDS} custom fields: archive one you no longer use`, {
      fields: { key: "too many fields" },
    });
  const position = (await db.customField.aggregate({ _max: { position: true } }))._max.position ?? -1;
  try {
    const created = await db.customField.create({
      data: {
        key: input.key,
        label: input.label,
        type: input.type,
        options: input.options ?? [],
        required: input.required,
        position: position + 1,
      },
    });
    await audit({
      actor,
      action: "custom_field.created",
      target: { type: "custom_field", id: created.id },
      after: { key: created.key, type: created.type },
    });
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "A field with this key exists", { fields: { key: "is taken" } });
    throw error;
  }
}

export async function updateCustomField({ actor, id, input }: { actor: Actor; id: string; input: UpdateCustomFieldInput }) {
  assertRole(actor, ["ADMIN"]);
  const before = await db.customField.findUnique({ where: { id } });
  if (!before) throw notFound("Custom field");
  const choices = before.type === "SELECT" || before.type === "MULTI_SELECT";
  if (input.options && !choices) throw validationError({ options: "only a choice field has choices" });
  if (input.options && input.options.length === 0) throw validationError({ options: "give at least one choice" });
  const after = await db.customField.update({
    where: { id },
    data: {
      ...(input.label !== undefined ? { label: input.label } : {}),
      ...(input.options !== undefined ? { options: input.options } : {}),
      ...(input.required !== undefined ? { required: input.required } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
      ...(input.archived !== undefined ? { archivedAt: input.archived ? (before.archivedAt ?? new Date()) : null } : {}),
    },
  });
  await audit({
    actor,
    action: "custom_field.updated",
    target: { type: "custom_field", id },
    before: { label: before.label, options: before.options, required: before.required, archived: before.archivedAt !== null },
    after: { label: after.label, options: after.options, required: after.required, archived: after.archivedAt !== null },
  });
  return after;
}

/**
 * `fields` checked against the definitions (one runtime-built zod schema), errors named
 * `fields.<key>`; merged over `current` for a change (null clears a value).
 */
export async function checkFieldValues(
  input: unknown,
  mode: ValuesMode,
  current: FieldValues = {},
  defs?: CustomFieldDef[],
): Promise<FieldValues> {
  const read = parseFieldValues(fieldValuesSchema(defs ?? (await customFieldDefs()), mode), input, current);
  if (read.errors) throw validationError(read.errors);
  return read.values;
}

/** Deletes a field no lead holds a value for; one in use is archived instead (409 says so). */
export async function deleteCustomField({ actor, id }: { actor: Actor; id: string }) {
  assertRole(actor, ["ADMIN"]);
  const field = await db.customField.findUnique({ where: { id } });
  if (!field) throw notFound("Custom field");
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM lead WHERE (fields -> ${field.key}) IS NOT NULL`;
  const n = row?.n ?? 0;
  if (n > 0)
    throw new AppError("CONFLICT", `${n} lead${n === 1 ? " holds" : "s hold"} a value for “${field.label}”: archive it instead`, {
      fields: { id: "is in use" },
    });
  await db.customField.delete({ where: { id } });
  await audit({
    actor,
    action: "custom_field.updated",
    target: { type: "custom_field", id },
    before: { key: field.key },
    after: { deleted: true },
  });
}
