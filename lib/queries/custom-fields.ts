// Custom lead fields for the browser: the definitions (every signed-in user reads them: the lead
// screens show and edit the values) and the admins' mutations.
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { CreateCustomFieldInput, UpdateCustomFieldInput } from "../custom-fields/schemas";
import type { listCustomFields } from "../custom-fields/service";
import { apiFetch, type Json, send } from "./api";

export type CustomFieldItem = Json<Awaited<ReturnType<typeof listCustomFields>>["items"][number]>;

export const customFieldKeys = { all: ["custom-fields"] as const };

export const customFieldsOptions = () =>
  queryOptions({
    queryKey: customFieldKeys.all,
    queryFn: () => apiFetch<{ items: CustomFieldItem[] }>("/api/v1/custom-fields"),
    staleTime: 60_000,
  });

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
