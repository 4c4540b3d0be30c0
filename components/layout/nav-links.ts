// What each role reaches from the nav: the work pages, and the settings pages (one Settings menu
// on a desk, one list in the phone menu, the same tabs on every settings page).
export type Role = "ADMIN" | "MANAGER" | "AGENT";
export type NavLink = { href: string; label: string };

export function workLinks(role: Role): NavLink[] {
  return [
    { href: "/", label: "Home" },
    { href: "/leads", label: "Leads" },
    { href: "/tasks", label: "Tasks" },
    { href: "/calling", label: "Dialer" },
    ...(role !== "AGENT"
      ? [
          { href: "/live", label: "Live" },
          { href: "/dashboard", label: "Dashboard" },
          { href: "/campaigns", label: "Campaigns" },
          { href: "/reports/sources", label: "Reports" },
        ]
      : []),
  ];
}

export function settingsLinks(role: Role): NavLink[] {
  return [
    ...(role === "ADMIN"
      ? [
          { href: "/settings/telephony", label: "Telephony" },
          { href: "/settings/calling", label: "Calling" },
          { href: "/settings/compliance", label: "Compliance" },
          { href: "/settings/fields", label: "Lead fields" },
          { href: "/settings/lead-sources", label: "Lead sources" },
          { href: "/settings/routing", label: "Lead routing" },
          { href: "/settings/integrations", label: "Integrations" },
          { href: "/settings/developers", label: "API keys" },
          { href: "/settings/webhooks", label: "Webhooks" },
          { href: "/settings/users", label: "Users" },
          { href: "/settings/audit", label: "Audit log" },
        ]
      : []),
    // Managers set their own team's routing rules and read the floor's.
    ...(role === "MANAGER" ? [{ href: "/settings/routing", label: "Lead routing" }] : []),
    { href: "/settings/account", label: "Your account" },
  ];
}

export const isActive = (pathname: string, href: string) =>
  href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
