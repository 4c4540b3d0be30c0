// The admins' custom-field settings page: usage counts and the mutations (apart from custom-fields.ts,
// which every lead screen loads).
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { CreateCustomFieldInput, UpdateCustomFieldInput } from "../custom-fields/schemas";
import { apiFetch, type Json, send } from "./api";
import { type CustomFieldItem, customFieldKeys } from "./custom-fields";

/** The admins' settings page: with how many leads hold a value for each field (reads every lead). */
export const customFieldUsageOptions = () =>
  queryOptions({
    queryKey: [...customFieldKeys.all, "usage"],
    queryFn: () => apiFetch<{ items: CustomFieldItem[] }>("/api/v1/custom-fields?usage=true"),
  });

export const createCustomFieldMutation = () =>
  mutationOptions({
    mutationFn: (input: Json<CreateCustomFieldInput>) => send<CustomFieldItem>("POST", "/api/v1/custom-fields", input),
    onSuccess: (_f, _v, _r, { client }) => client.invalidateQueries({ queryKey: customFieldKeys.all }),
  });
export const updateCustomFieldMutation = (id: string) =>
  mutationOptions({
    mutationFn: (input: Json<UpdateCustomFieldInput>) => send<CustomFieldItem>("PATCH", `/api/v1/custom-fields/${id}`, input),
    onSuccess: (_f, _v, _r, { client }) => client.invalidateQueries({ queryKey: customFieldKeys.all }),
  });
export const deleteCustomFieldMutation = (id: string) =>
  mutationOptions({
    mutationFn: () => send<null>("DELETE", `/api/v1/custom-fields/${id}`),
    onSuccess: (_f, _v, _r, { client }) => client.invalidateQueries({ queryKey: customFieldKeys.all }),
  });
