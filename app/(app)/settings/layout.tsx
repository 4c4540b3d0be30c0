// Every settings page carries the same tabs: the settings a role may open, one click apart.
import { SettingsTabs } from "@/components/layout/settings-tabs";
import { requirePageActor } from "@/lib/auth/page-actor";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor({ allowPasswordChange: true });
  return (
    <div className="space-y-6">
      <SettingsTabs role={actor.role} />
      {children}
    </div>
  );
}
