// Our numbers and the lead source each stands for (admins, Settings → Telephony).
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { NumberSourceList } from "../telephony/number-sources";
import type { NumberSourceInput } from "../telephony/schemas";
import { apiFetch, send } from "./api";

export type { NumberSourceList };
export type NumberSourceItem = NumberSourceList["items"][number];
export type UnmappedNumber = NumberSourceList["unmapped"][number];
export type SavedNumberSource = { number: string; display: string; source: string; created: boolean };

export const numberSourceKeys = { all: ["number-sources"] as const };

export const numberSourcesOptions = () =>
  queryOptions({ queryKey: numberSourceKeys.all, queryFn: () => apiFetch<NumberSourceList>("/api/v1/number-sources") });

export const saveNumberSource = (input: NumberSourceInput) => send<SavedNumberSource>("PUT", "/api/v1/number-sources", input);
export const removeNumberSource = (number: string) => send<void>("DELETE", `/api/v1/number-sources/${encodeURIComponent(number)}`);

/** Naming, renaming or removing a number's source: the list (and what is still unnamed) is read again. */
export const saveNumberSourceMutation = () =>
  mutationOptions({
    mutationFn: saveNumberSource,
    onSuccess: (_d, _v, _r, { client }) => client.invalidateQueries({ queryKey: numberSourceKeys.all }),
  });
export const removeNumberSourceMutation = () =>
  mutationOptions({
    mutationFn: removeNumberSource,
    onSuccess: (_d, _v, _r, { client }) => client.invalidateQueries({ queryKey: numberSourceKeys.all }),
  });
