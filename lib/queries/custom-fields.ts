// Custom lead fields for the browser: the definitions (every signed-in user reads them: the lead
// screens show and edit the values). The admins' settings page: custom-fields-admin.ts.
import { queryOptions } from "@tanstack/react-query";
import type { listCustomFields } from "../custom-fields/service";
import { apiFetch, type Json } from "./api";

export type CustomFieldItem = Json<Awaited<ReturnType<typeof listCustomFields>>["items"][number]>;

export const customFieldKeys = { all: ["custom-fields"] as const };

export const customFieldsOptions = () =>
  queryOptions({
    queryKey: customFieldKeys.all,
    queryFn: () => apiFetch<{ items: CustomFieldItem[] }>("/api/v1/custom-fields"),
    staleTime: 60_000,
  });
