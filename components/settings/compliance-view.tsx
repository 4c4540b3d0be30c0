"use client";
import { DncList } from "./compliance-dnc";
import { DataRequests } from "./compliance-privacy";
// Admin: calling within Indian rules — the do-not-call list, calling hours and holidays, the
// consent rule, recordings (notice and retention) and a person's data on request.
import { CallingRules } from "./compliance-rules";

export function ComplianceView() {
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Compliance</h1>
        <p className="text-sm text-slate-500">
          TRAI's calling rules (do-not-call, calling hours) and the DPDP Act (consent, recordings, a person's data on request), enforced for
          every call.
        </p>
      </div>
      <DncList />
      <CallingRules />
      <DataRequests />
    </div>
  );
}
