// LiveCache's merge logic on a real QueryClient: what each live event writes into the cache, and
// which queries it has read again (once per burst).
import { type InfiniteData, QueryClient, type QueryKey } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CallListItem } from "../calls/list";
import type { ActivityDto, LeadDto, Page } from "../leads/dto";
import { boardKeys } from "./board";
import { callKeys } from "./calls";
import { leadKeys } from "./leads";
import { liveKeys } from "./live";
import { LiveCache } from "./live-cache";
import { dismissNewLeadPop, newLeadKeys } from "./new-leads";
import { settingsKeys } from "./settings";
import { taskKeys } from "./tasks";

type Activities = InfiniteData<Page<ActivityDto>>;
type Leads = InfiniteData<Page<LeadDto>>;

const lead = (id: string, name: string) => ({ id, name, status: "NEW" }) as unknown as LeadDto;
const call = (id: string, leadId: string, status: string, talkSeconds = 0) =>
  ({ id, leadId, status, talkSeconds, callId: null }) as unknown as CallListItem;
const activity = (id: string, leadId: string, extra: Partial<ActivityDto> = {}) =>
  ({ id, leadId, type: "NOTE", payload: {}, call: null, ...extra }) as unknown as ActivityDto;
const pages = <T>(...lists: T[][]): InfiniteData<Page<T>> => ({
  pages: lists.map((items) => ({ items, total: items.length, nextCursor: null }) as unknown as Page<T>),
  pageParams: lists.map((_, i) => String(i)),
});

let qc: QueryClient;
let cache: LiveCache;
let invalidated: QueryKey[];

beforeEach(() => {
  vi.useFakeTimers();
  qc = new QueryClient();
  invalidated = [];
  vi.spyOn(qc, "invalidateQueries").mockImplementation(async (filters) => {
    invalidated.push(filters?.queryKey ?? ["*"]);
  });
  cache = new LiveCache(qc);
});

afterEach(() => {
  cache.dispose();
  vi.useRealTimers();
});

/** The queries asked to be read again once the coalescing window has passed. */
function flushed(): QueryKey[] {
  vi.advanceTimersByTime(300);
  return invalidated;
}

describe("LiveCache", () => {
  it("writes a call update into the call's own query and into its entry on the lead's timeline", () => {
    qc.setQueryData(callKeys.detail("c1"), { id: "c1", status: "RINGING", recordingUrl: null });
    qc.setQueryData<Activities>(
      leadKeys.activities("l1"),
      pages([activity("a1", "l1", { type: "CALL", call: call("c1", "l1", "RINGING") as never }), activity("a2", "l1")]),
    );
    cache.apply("call.updated", { call: call("c1", "l1", "COMPLETED", 42) });

    expect(qc.getQueryData(callKeys.detail("c1"))).toMatchObject({ id: "c1", status: "COMPLETED", talkSeconds: 42, recordingUrl: null });
    const timeline = qc.getQueryData<Activities>(leadKeys.activities("l1"))!;
    expect(timeline.pages[0]!.items[0]!.call).toMatchObject({ status: "COMPLETED", talkSeconds: 42 });
    expect(timeline.pages[0]!.items[1]).toEqual(activity("a2", "l1"));
    // The entry was on screen: the timeline is not read again; the lists a call moves are.
    const keys = flushed();
    expect(keys).not.toContainEqual(leadKeys.activities("l1"));
    expect(keys).toEqual(expect.arrayContaining([callKeys.sinceAll(), callKeys.missedCallbacks(), callKeys.needsOutcome(), boardKeys.all]));
  });

  it("reads the timeline again when a call it does not show yet is updated", () => {
    qc.setQueryData<Activities>(leadKeys.activities("l1"), pages([activity("a2", "l1")]));
    cache.apply("call.updated", { call: call("c9", "l1", "RINGING") });
    expect(flushed()).toContainEqual(leadKeys.activities("l1"));
  });

  it("keeps the viewer's call in progress (the call bar): follows it, drops it when it ends, takes up a new one of theirs only", () => {
    cache = new LiveCache(qc, undefined, { viewerId: "me", popped: new Set() });
    const mine = (id: string, status: string) => ({ ...call(id, "l1", status), agent: { id: "me", name: "Me" } }) as CallListItem;
    const theirs = (id: string, status: string) => ({ ...call(id, "l2", status), agent: { id: "other", name: "Other" } }) as CallListItem;
    const active = () => qc.getQueryData<{ call: CallListItem | null }>(callKeys.active())?.call ?? null;
    qc.setQueryData(callKeys.active(), { call: null });
    cache.apply("call.updated", { call: theirs("c2", "RINGING") });
    expect(active()).toBeNull();
    cache.apply("call.updated", { call: mine("c1", "RINGING") });
    expect(active()).toMatchObject({ id: "c1", status: "RINGING" });
    cache.apply("call.updated", { call: theirs("c2", "ANSWERED") });
    expect(active()).toMatchObject({ id: "c1", status: "RINGING" });
    cache.apply("call.updated", { call: mine("c1", "ANSWERED") });
    expect(active()).toMatchObject({ id: "c1", status: "ANSWERED" });
    cache.apply("call.updated", { call: mine("c1", "COMPLETED") });
    expect(active()).toBeNull();
    // Not read yet (no call bar mounted): nothing is written.
    qc.removeQueries({ queryKey: callKeys.active() });
    cache.apply("call.updated", { call: mine("c3", "RINGING") });
    expect(qc.getQueryData(callKeys.active())).toBeUndefined();
  });

  it("coalesces a burst: fifty events within the window read each query once", () => {
    for (let i = 0; i < 50; i++) cache.apply("task.updated", { task: { id: `t${i}` } });
    for (let i = 0; i < 50; i++) cache.apply("call.removed", { id: "c1" });
    expect(invalidated).toEqual([]);
    const keys = flushed().map((k) => JSON.stringify(k));
    expect(keys.filter((k) => k === JSON.stringify(taskKeys.all))).toHaveLength(1);
    expect(keys.filter((k) => k === JSON.stringify(callKeys.detail("c1")))).toHaveLength(1);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("adds a new activity on top of the first page once, however often it arrives", () => {
    qc.setQueryData<Activities>(leadKeys.activities("l1"), pages([activity("a1", "l1")], [activity("a0", "l1")]));
    const note = activity("a2", "l1");
    cache.apply("activity.created", { activity: note });
    cache.apply("activity.created", { activity: note });
    const timeline = qc.getQueryData<Activities>(leadKeys.activities("l1"))!;
    expect(timeline.pages[0]!.items.map((a) => a.id)).toEqual(["a2", "a1"]);
    expect(timeline.pages[0]!.total).toBe(2);
    expect(timeline.pages[1]!.items.map((a) => a.id)).toEqual(["a0"]);
    // A note changes nothing the lead page allows; a do-not-call mark does.
    expect(flushed()).toEqual([]);
    cache.apply("activity.created", { activity: activity("a3", "l1", { type: "DO_NOT_CALL" }) });
    expect(flushed()).toEqual(expect.arrayContaining([leadKeys.detail("l1"), leadKeys.lists()]));
  });

  it("replaces an updated lead in its page and in every list, paged or not, and never caches a lead nobody opened", () => {
    qc.setQueryData(leadKeys.detail("l1"), lead("l1", "Old"));
    qc.setQueryData<Leads>(leadKeys.list({ q: "" }), pages([lead("l1", "Old"), lead("l2", "Two")]));
    qc.setQueryData<Page<LeadDto>>(leadKeys.list({ limit: 5 }), { items: [lead("l1", "Old")], total: 1, nextCursor: null } as never);
    cache.apply("lead.updated", { lead: lead("l1", "New") });
    cache.apply("lead.updated", { lead: lead("l3", "Unopened") });

    expect(qc.getQueryData<LeadDto>(leadKeys.detail("l1"))?.name).toBe("New");
    expect(qc.getQueryData(leadKeys.detail("l3"))).toBeUndefined();
    expect(qc.getQueryData<Leads>(leadKeys.list({ q: "" }))!.pages[0]!.items.map((l) => l.name)).toEqual(["New", "Two"]);
    expect(qc.getQueryData<Page<LeadDto>>(leadKeys.list({ limit: 5 }))!.items[0]!.name).toBe("New");
    expect(flushed()).toEqual([leadKeys.lists(), leadKeys.waitingAll()]);
  });

  it("drops a removed lead from every list and reads its page again", () => {
    qc.setQueryData<Leads>(leadKeys.list({ q: "" }), pages([lead("l1", "One"), lead("l2", "Two")]));
    cache.apply("lead.removed", { id: "l1" });
    expect(qc.getQueryData<Leads>(leadKeys.list({ q: "" }))!.pages[0]!.items.map((l) => l.id)).toEqual(["l2"]);
    expect(flushed()).toEqual([leadKeys.detail("l1"), leadKeys.waitingAll()]);
  });

  it("puts an incoming call on top of the screen pops once and tells the listener; a removed call leaves them", () => {
    const heard: string[] = [];
    cache = new LiveCache(qc, (card) => heard.push(card.call.id));
    const card = { call: call("c1", "l1", "RINGING"), lead: null } as never;
    cache.apply("call.incoming", card);
    cache.apply("call.incoming", card);
    expect(qc.getQueryData<{ items: { call: { id: string } }[] }>(liveKeys.incoming())!.items.map((c) => c.call.id)).toEqual(["c1"]);
    expect(heard).toEqual(["c1", "c1"]);
    cache.apply("call.removed", { id: "c1" });
    expect(qc.getQueryData<{ items: unknown[] }>(liveKeys.incoming())!.items).toEqual([]);
  });

  it("reads the delivery log again on a delivery, and everything on a resync", () => {
    cache.apply("delivery.changed", {});
    expect(flushed()).toEqual([settingsKeys.eventsAll(), settingsKeys.telephony()]);
    invalidated = [];
    cache.apply("resync", {});
    expect(invalidated).toEqual([["*"]]);
  });
});

describe("LiveCache: the new-lead pop", () => {
  const ME = "u-me";
  const MIN = 60_000;
  /** A lead as the stream sends it: owned by `owner`, arrived `agoMin` minutes ago, its first call due in 5 (unless called). */
  const fresh = (id: string, owner: string | null, agoMin = 0, fr: Partial<LeadDto["firstResponse"]> = {}) =>
    ({
      id,
      name: `Lead ${id}`,
      source: "Website",
      owner: owner ? { id: owner, name: owner } : null,
      createdAt: new Date(Date.now() - agoMin * MIN).toISOString(),
      firstResponse: {
        dueAt: new Date(Date.now() + 5 * MIN).toISOString(),
        firstCallAt: null,
        firstConnectAt: null,
        breached: false,
        ...fr,
      },
    }) as unknown as LeadDto;
  const assignment = (leadId: string, to: string, agoMin = 0) =>
    activity(`a-${leadId}`, leadId, {
      type: "ASSIGNMENT",
      payload: { from: "u-other", to },
      createdAt: new Date(Date.now() - agoMin * MIN).toISOString(),
    } as never);

  let popped: Set<string>;
  let heard: string[];
  const pops = () => qc.getQueryData<{ items: LeadDto[] }>(newLeadKeys.pops())?.items.map((l) => l.id) ?? [];

  beforeEach(() => {
    popped = new Set();
    heard = [];
    cache = new LiveCache(qc, undefined, { viewerId: ME, popped, onPop: (lead) => heard.push(lead.id) });
  });

  it("pops a lead just routed to the viewer with its clock running, once per tab; the newest on top", () => {
    cache.apply("lead.updated", { lead: fresh("l1", ME) });
    cache.apply("lead.updated", { lead: fresh("l1", ME) });
    cache.apply("lead.updated", { lead: fresh("l2", ME, 1) });
    expect(pops()).toEqual(["l2", "l1"]);
    expect(heard).toEqual(["l1", "l2"]);
    expect([...popped]).toEqual(["l1", "l2"]);
    // Dismissed: it stays away, whatever later events name it.
    dismissNewLeadPop(qc, "l1");
    cache.apply("lead.updated", { lead: { ...fresh("l1", ME), name: "Renamed" } });
    expect(pops()).toEqual(["l2"]);
    expect(heard).toEqual(["l1", "l2"]);
  });

  it("does not pop someone else's lead, a lead without a clock, a lead already called, or one another tab of this page popped", () => {
    cache.apply("lead.updated", { lead: fresh("l1", "u-colleague") });
    cache.apply("lead.updated", { lead: fresh("l2", null) });
    cache.apply("lead.updated", { lead: fresh("l3", ME, 0, { dueAt: null }) });
    cache.apply("lead.updated", { lead: fresh("l4", ME, 0, { firstCallAt: new Date().toISOString() }) });
    popped.add("l5");
    cache.apply("lead.updated", { lead: fresh("l5", ME) });
    expect(pops()).toEqual([]);
    expect(heard).toEqual([]);
  });

  it("never pops without a viewer (the stream without the pop), and leaves the inbound screen pop alone", () => {
    cache = new LiveCache(qc, (card) => heard.push(card.call.id));
    cache.apply("lead.updated", { lead: fresh("l1", ME) });
    cache.apply("call.incoming", { call: call("c1", "l9", "RINGING"), leads: [] });
    expect(pops()).toEqual([]);
    expect(heard).toEqual(["c1"]);
    expect(qc.getQueryData<{ items: unknown[] }>(liveKeys.incoming())!.items).toHaveLength(1);
  });

  it("does not pop a lead that arrived minutes ago when it is merely edited (or the stream replays it)", () => {
    cache.apply("lead.updated", { lead: fresh("l1", ME, 30) });
    cache.apply("lead.updated", { lead: fresh("l1", ME, 6) });
    expect(pops()).toEqual([]);
    // An assignment long ago is no news either.
    cache.apply("activity.created", { activity: assignment("l1", ME, 20) });
    expect(pops()).toEqual([]);
  });

  it("pops an older waiting lead moved to the viewer just now, whichever of its two events comes first", () => {
    // The clock's escalation: the lead (moved, a new clock) then its timeline entry.
    cache.apply("lead.updated", { lead: fresh("l1", ME, 30) });
    expect(pops()).toEqual([]);
    cache.apply("activity.created", { activity: assignment("l1", ME) });
    expect(pops()).toEqual(["l1"]);
    // The entry first, then the lead.
    cache.apply("activity.created", { activity: assignment("l2", ME) });
    expect(pops()).toEqual(["l1"]);
    cache.apply("lead.updated", { lead: fresh("l2", ME, 45) });
    expect(pops()).toEqual(["l2", "l1"]);
    // Moved to someone else: not ours to pop.
    cache.apply("lead.updated", { lead: fresh("l3", ME, 30) });
    cache.apply("activity.created", { activity: assignment("l3", "u-colleague") });
    expect(pops()).toEqual(["l2", "l1"]);
    expect(heard).toEqual(["l1", "l2"]);
  });

  it("takes the pop away once the lead is called, moved away or erased, and keeps it current meanwhile", () => {
    for (const id of ["l1", "l2", "l3", "l4"]) cache.apply("lead.updated", { lead: fresh(id, ME) });
    cache.apply("lead.updated", { lead: { ...fresh("l4", ME), name: "Asha Rao" } });
    expect(qc.getQueryData<{ items: LeadDto[] }>(newLeadKeys.pops())!.items.find((l) => l.id === "l4")?.name).toBe("Asha Rao");
    cache.apply("call.updated", { call: { ...call("c1", "l1", "INITIATED"), direction: "OUTBOUND" } });
    cache.apply("lead.updated", { lead: fresh("l2", "u-colleague") });
    cache.apply("lead.removed", { id: "l3" });
    expect(pops()).toEqual(["l4"]);
    // An inbound call that nobody answered is no first response: the pop stays.
    cache.apply("call.updated", { call: { ...call("c2", "l4", "MISSED"), direction: "INBOUND", answeredAt: null } });
    expect(pops()).toEqual(["l4"]);
  });

  it("leaves a new caller ringing the viewer to the inbound screen pop, whichever event comes first", () => {
    const ringing = (id: string, leadId: string) => ({ call: call(id, leadId, "RINGING"), leads: [{ id: leadId }], newCaller: true });
    // The call's screen pop first, then the lead the call made.
    cache.apply("call.incoming", ringing("c1", "l1"));
    cache.apply("lead.updated", { lead: fresh("l1", ME) });
    // The lead first: its pop gives way to the screen pop.
    cache.apply("lead.updated", { lead: fresh("l2", ME) });
    expect(pops()).toEqual(["l2"]);
    cache.apply("call.incoming", ringing("c2", "l2"));
    expect(pops()).toEqual([]);
    // Not later either (a missed call leaves the lead waiting: Home's queue and missed calls list it).
    cache.apply("lead.updated", { lead: fresh("l1", ME) });
    cache.apply("lead.updated", { lead: fresh("l2", ME) });
    expect(pops()).toEqual([]);
    expect(qc.getQueryData<{ items: unknown[] }>(liveKeys.incoming())!.items).toHaveLength(2);
  });

  it("reads the waiting lists again on lead events and first calls, and the page of a lead whose clock it shows", () => {
    qc.setQueryData(leadKeys.detail("l1"), fresh("l1", ME, 10));
    cache.apply("call.updated", { call: { ...call("c1", "l1", "RINGING"), direction: "OUTBOUND" } });
    expect(flushed()).toEqual(expect.arrayContaining([leadKeys.detail("l1"), leadKeys.waitingAll()]));
    invalidated = [];
    // Its clock stopped already: the page is not read again for later updates of the call.
    qc.setQueryData(leadKeys.detail("l1"), fresh("l1", ME, 10, { firstCallAt: new Date().toISOString() }));
    cache.apply("call.updated", { call: { ...call("c1", "l1", "ANSWERED"), direction: "OUTBOUND" } });
    expect(flushed()).not.toContainEqual(leadKeys.detail("l1"));
  });
});
