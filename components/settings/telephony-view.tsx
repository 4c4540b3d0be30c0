"use client";
import { QueryState } from "@/components/ui/query-state";
import { DeliveryLog } from "./delivery-log";
import { NumberSources } from "./number-sources";
import { OwnNumbers } from "./own-numbers";
import { ConnectionCard, SetupGuide, useTelephonyStatus } from "./telephony-status";
import { SyncCalls, TestDelivery } from "./test-and-sync";

export function TelephonyView() {
  const status = useTelephonyStatus();
  return (
    <QueryState query={status} what="telephony settings" className="py-16">
      {(data) => (
        <div className="space-y-8">
          <div>
            <h1 className="text-2xl font-semibold text-slate-900">Telephony</h1>
            <p className="text-sm text-slate-500">Connect Tata Smartflo, configure its webhooks once, and watch every delivery.</p>
          </div>
          <ConnectionCard status={data} />
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2 [&>*]:min-w-0">
            <TestDelivery status={data} />
            <SyncCalls status={data} />
          </div>
          <NumberSources />
          <OwnNumbers />
          <DeliveryLog />
          <SetupGuide status={data} />
        </div>
      )}
    </QueryState>
  );
}
