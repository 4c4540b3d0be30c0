// Leads for the browser: query keys, query options, typed fetchers (the routes' own types) and the
// mutations with their cache effects.
import { type InfiniteData, infiniteQueryOptions, mutationOptions, type QueryClient, queryOptions } from "@tanstack/react-query";
import type { assignLeads } from "../leads/assign";
import type { ActivityDto, LeadDto, Page } from "../leads/dto";
import type { importLeads } from "../leads/import";
import type { CreateLeadInput, ListLeadsQuery, UpdateLeadInput, WaitingLeadsQuery } from "../leads/schemas";
import type { WaitingLead, WaitingLeads } from "../leads/waiting";
import { apiFetch, send, withQuery } from "./api";

/** What the lead list is filtered and sorted by (the URL's query string on /leads). */
export type LeadListFilters = Partial<Pick<ListLeadsQuery, "q" | "status" | "ownerId" | "sort" | "order">> & {
  /** Custom field filters by key (sent as f.<key>). */
  fields?: Record<string, string>;
};

/** The filters as query parameters: custom fields as f.<key>. */
const filterParams = ({ fields, ...rest }: LeadListFilters) => ({
  ...rest,
  ...Object.fromEntries(Object.entries(fields ?? {}).map(([k, v]) => [`f.${k}`, v])),
});
export type ImportResult = Awaited<ReturnType<typeof importLeads>>;
export type AssignResult = Awaited<ReturnType<typeof assignLeads>>;

export const leadKeys = {
  all: ["leads"] as const,
  lists: () => [...leadKeys.all, "list"] as const,
  list: (filters: LeadListFilters & { limit?: number }) => [...leadKeys.lists(), filters] as const,
  detail: (id: string) => [...leadKeys.all, "detail", id] as const,
  activities: (id: string) => [...leadKeys.detail(id), "activities"] as const,
  compliance: (id: string) => [...leadKeys.detail(id), "compliance"] as const,
  /** New leads nobody has called yet (Home's queue, /live's panel), however ordered. */
  waitingAll: () => [...leadKeys.all, "waiting"] as const,
  waiting: (query: Partial<WaitingLeadsQuery>) => [...leadKeys.waitingAll(), query] as const,
};

export type { WaitingLead, WaitingLeads };

/** The viewer's (or their team's) new leads not called yet: by time left (due) or by waiting time (oldest). */
export function waitingLeadsOptions(query: Partial<WaitingLeadsQuery>) {
  return queryOptions({
    queryKey: leadKeys.waiting(query),
    queryFn: () => apiFetch<WaitingLeads>(withQuery("/api/v1/leads/waiting", query)),
  });
}

export const LEAD_PAGE_SIZE = 25;

export function leadListOptions(filters: LeadListFilters) {
  return infiniteQueryOptions({
    queryKey: leadKeys.list(filters),
    queryFn: ({ pageParam }) =>
      apiFetch<Page<LeadDto>>(withQuery("/api/v1/leads", { ...filterParams(filters), limit: LEAD_PAGE_SIZE, cursor: pageParam })),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** A short list (the home page's recent leads): one page, no cursor. */
export function recentLeadsOptions(limit: number) {
  const filters = { sort: "updatedAt", order: "desc", limit } as const;
  return queryOptions({ queryKey: leadKeys.list(filters), queryFn: () => apiFetch<Page<LeadDto>>(withQuery("/api/v1/leads", filters)) });
}

export function leadOptions(id: string) {
  return queryOptions({ queryKey: leadKeys.detail(id), queryFn: () => apiFetch<LeadDto>(`/api/v1/leads/${id}`) });
}

export const ACTIVITY_PAGE_SIZE = 30;

export function activitiesOptions(leadId: string) {
  return infiniteQueryOptions({
    queryKey: leadKeys.activities(leadId),
    queryFn: ({ pageParam }) =>
      apiFetch<Page<ActivityDto>>(withQuery(`/api/v1/leads/${leadId}/activities`, { limit: ACTIVITY_PAGE_SIZE, cursor: pageParam })),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const createLead = (input: CreateLeadInput) => send<LeadDto>("POST", "/api/v1/leads", input);
export const updateLead = (id: string, patch: UpdateLeadInput) => send<LeadDto>("PATCH", `/api/v1/leads/${id}`, patch);
export const addNote = (leadId: string, body: string) => send<ActivityDto>("POST", `/api/v1/leads/${leadId}/notes`, { body });
export const assignLeadsTo = (leadIds: string[], ownerId: string | null) =>
  send<AssignResult>("POST", "/api/v1/leads/assign", { leadIds, ownerId });

/** Leads were created, moved or re-owned in bulk (an import, an assignment): every lead query is read again. */
export const leadsChanged = (client: QueryClient) => client.invalidateQueries({ queryKey: leadKeys.all });

export const createLeadMutation = () =>
  mutationOptions({
    mutationFn: createLead,
    onSuccess: (_lead, _input, _r, { client }) => void client.invalidateQueries({ queryKey: leadKeys.lists() }),
  });

/** An edit or a status change: the answer is the lead; lists, timeline and calling rules may have moved with it. */
export const updateLeadMutation = (id: string) =>
  mutationOptions({
    mutationFn: (patch: UpdateLeadInput) => updateLead(id, patch),
    onSuccess: (updated, _patch, _r, { client }) => {
      client.setQueryData(leadKeys.detail(id), updated);
      void client.invalidateQueries({ queryKey: leadKeys.lists() });
      void client.invalidateQueries({ queryKey: leadKeys.activities(id) });
      void client.invalidateQueries({ queryKey: leadKeys.compliance(id) });
    },
  });

type ActivityPages = InfiniteData<Page<ActivityDto>>;

/** Changes a call on the lead's timeline where it is shown; false when the timeline does not hold it. */
export function patchTimelineCall(
  client: QueryClient,
  leadId: string,
  callId: string,
  patch: Partial<NonNullable<ActivityDto["call"]>>,
): boolean {
  let found = false;
  client.setQueryData<ActivityPages>(leadKeys.activities(leadId), (data) => {
    if (!data) return data;
    const pages = data.pages.map((page) => ({
      ...page,
      items: page.items.map((a) => {
        if (a.call?.id !== callId) return a;
        found = true;
        return { ...a, call: { ...a.call, ...patch } };
      }),
    }));
    return { ...data, pages };
  });
  return found;
}

/** A note, shown at once (greyed until saved) and rolled back when the server refuses it. */
export const addNoteMutation = (leadId: string, author: { id: string; name: string }) =>
  mutationOptions({
    mutationFn: (body: string) => addNote(leadId, body),
    onMutate: async (body, { client }) => {
      await client.cancelQueries({ queryKey: leadKeys.activities(leadId) });
      const previous = client.getQueryData<ActivityPages>(leadKeys.activities(leadId));
      const now = new Date().toISOString();
      const optimistic: ActivityDto = {
        id: `optimistic-${Date.now()}`,
        leadId,
        type: "NOTE",
        actor: author,
        payload: { body },
        call: null,
        createdAt: now,
        updatedAt: now,
      };
      client.setQueryData<ActivityPages>(leadKeys.activities(leadId), (old) =>
        old
          ? { ...old, pages: old.pages.map((p, i) => (i === 0 ? { ...p, items: [optimistic, ...p.items], total: p.total + 1 } : p)) }
          : old,
      );
      return { previous };
    },
    onError: (_error, _body, context, { client }) => {
      if (context?.previous) client.setQueryData(leadKeys.activities(leadId), context.previous);
    },
    onSettled: (_d, _e, _body, _r, { client }) => client.invalidateQueries({ queryKey: leadKeys.activities(leadId) }),
  });

export const assignLeadsMutation = () =>
  mutationOptions({
    mutationFn: ({ leadIds, ownerId }: { leadIds: string[]; ownerId: string | null }) => assignLeadsTo(leadIds, ownerId),
    onSuccess: (_done, _input, _r, { client }) => void leadsChanged(client),
  });
export const importLeadRows = (input: { rows: unknown[]; dryRun: boolean; ownerId?: string | null }) =>
  send<ImportResult>("POST", "/api/v1/leads/import", input);
/** The CSV download of the list as filtered (a link, not a fetch: the browser saves the file). */
export const leadExportUrl = (filters: Pick<LeadListFilters, "q" | "status" | "ownerId" | "fields">) =>
  withQuery(
    "/api/v1/leads/export",
    filterParams({ q: filters.q, status: filters.status, ownerId: filters.ownerId, fields: filters.fields }),
  );
