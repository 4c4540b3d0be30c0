// How rows become what the browser receives: the listed fields only (a new column is never
// sent by accident), with every Date as an ISO string.
import "server-only";

/** The JSON form of a value: Dates become ISO strings, in nested objects and arrays too. */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

export function toJson<T>(value: T): Json<T> {
  if (value instanceof Date) return value.toISOString() as Json<T>;
  if (Array.isArray(value)) return value.map(toJson) as Json<T>;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)])) as Json<T>;
  }
  return value as Json<T>;
}

/** `keys` of `row`, as JSON. */
export function pickJson<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Json<Pick<T, K>> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = row[key];
  return toJson(picked);
}
