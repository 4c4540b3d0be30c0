"use client";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { DeliveryLog } from "./delivery-log";
import { ConnectionCard, SetupGuide, useTelephonyStatus } from "./telephony-status";
import { SyncCalls, TestDelivery } from "./test-and-sync";

export function TelephonyView() {
  const status = useTelephonyStatus();
  if (status.isPending)
    return (
      <div className="flex justify-center py-16 text-slate-400">
        <Spinner label="Loading telephony settings" />
      </div>
    );
  if (status.isError) return <Alert>Could not load telephony settings: {status.error.message}</Alert>;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Telephony</h1>
        <p className="text-sm text-slate-500">Connect Tata Smartflo, configure its webhooks once, and watch every delivery.</p>
      </div>
      <ConnectionCard status={status.data} />
      <div className="grid gap-6 lg:grid-cols-2">
        <TestDelivery status={status.data} />
        <SyncCalls status={status.data} />
      </div>
      <DeliveryLog />
      <SetupGuide status={status.data} />
    </div>
  );
}
