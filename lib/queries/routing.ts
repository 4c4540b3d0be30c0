// Lead routing for the browser (managers and admins): the rules in order, their changes and moves,
// "test a rule", and the speed-to-lead settings, with their cache effects.
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { listRoutingRules, testRoutingRules } from "../routing/rules";
import type { createRuleSchema, SampleLead, SpeedSettings, speedSettingsPatchSchema, UpdateRuleInput } from "../routing/schemas";
import { apiFetch, type Json, send } from "./api";

export type RoutingRules = Json<Awaited<ReturnType<typeof listRoutingRules>>>;
export type RoutingRuleItem = RoutingRules["items"][number];
export type RoutingTestAnswer = Awaited<ReturnType<typeof testRoutingRules>>;

export const routingKeys = {
  all: ["routing"] as const,
  rules: () => [...routingKeys.all, "rules"] as const,
  speed: () => [...routingKeys.all, "speed-to-lead"] as const,
};

export const routingRulesOptions = () =>
  queryOptions({ queryKey: routingKeys.rules(), queryFn: () => apiFetch<RoutingRules>("/api/v1/routing-rules") });

export const speedSettingsOptions = () =>
  queryOptions({ queryKey: routingKeys.speed(), queryFn: () => apiFetch<SpeedSettings>("/api/v1/settings/speed-to-lead") });

const refreshRules = (client: { invalidateQueries: (f: { queryKey: readonly unknown[] }) => Promise<void> }) =>
  client.invalidateQueries({ queryKey: routingKeys.rules() });

export const createRuleMutation = () =>
  mutationOptions({
    mutationFn: (input: z.input<typeof createRuleSchema>) => send<RoutingRuleItem>("POST", "/api/v1/routing-rules", input),
    onSuccess: (_r, _v, _x, { client }) => refreshRules(client),
  });

export const updateRuleMutation = (id: string) =>
  mutationOptions({
    mutationFn: (input: UpdateRuleInput) => send<RoutingRuleItem>("PATCH", `/api/v1/routing-rules/${id}`, input),
    onSuccess: (_r, _v, _x, { client }) => refreshRules(client),
  });

export const deleteRuleMutation = (id: string) =>
  mutationOptions({
    mutationFn: () => send<null>("DELETE", `/api/v1/routing-rules/${id}`),
    onSuccess: (_r, _v, _x, { client }) => refreshRules(client),
  });

/** A dry run: changes nothing, so no cache is touched. */
export const testRuleMutation = () =>
  mutationOptions({
    mutationFn: (lead: SampleLead) => send<RoutingTestAnswer>("POST", "/api/v1/routing-rules/test", { lead }),
  });

export const saveSpeedSettingsMutation = () =>
  mutationOptions({
    mutationFn: (patch: z.infer<typeof speedSettingsPatchSchema>) => send<SpeedSettings>("PATCH", "/api/v1/settings/speed-to-lead", patch),
    onSuccess: (saved, _v, _x, { client }) => client.setQueryData(routingKeys.speed(), saved),
  });
