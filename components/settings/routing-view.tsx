"use client";
// Settings → Lead routing (managers and admins): the rules in order, "test a rule" with the lead
// fields the rules look at, and the speed-to-lead settings.
import { useQuery } from "@tanstack/react-query";
import { customFieldsOptions } from "@/lib/queries/custom-fields";
import { routingRulesOptions } from "@/lib/queries/routing";
import type { Viewer } from "./routing-rule-form";
import { RoutingRules } from "./routing-rules";
import { RoutingTest } from "./routing-test";
import { SpeedSettingsPanel } from "./speed-settings";

export function RoutingView({ viewer }: { viewer: Viewer }) {
  const rules = useQuery(routingRulesOptions());
  const fields = useQuery(customFieldsOptions());
  const sources = rules.data?.sources ?? [];
  // The test asks only for the lead fields some rule looks at.
  const used = new Set(rules.data?.items.flatMap((r) => Object.keys(r.conditions.fields ?? {})) ?? []);
  const testFields = (fields.data?.items ?? []).filter((f) => used.has(f.key));
  return (
    <div className="space-y-6">
      <RoutingRules viewer={viewer} />
      <RoutingTest sources={sources} fields={testFields} />
      <SpeedSettingsPanel readOnly={viewer.role !== "ADMIN"} sources={sources} />
    </div>
  );
}
