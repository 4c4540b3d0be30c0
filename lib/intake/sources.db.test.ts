// Inbound lead sources end to end through the routes: an admin makes one, websites post JSON or
// forms to its URL, each delivery is stored first, deduped, and becomes a lead or "Enquired again".
import { describe, expect, it } from "vitest";
import * as intakeRoute from "@/app/api/v1/intake/[sourceId]/route";
import * as replayRoute from "@/app/api/v1/lead-deliveries/[id]/replay/route";
import * as deliveriesRoute from "@/app/api/v1/lead-sources/[id]/deliveries/route";
import * as sourceRoute from "@/app/api/v1/lead-sources/[id]/route";
import * as renewRoute from "@/app/api/v1/lead-sources/[id]/url/route";
import * as sourcesRoute from "@/app/api/v1/lead-sources/route";
import { makeLead, uniquePhone } from "@/scripts/test/factories";
import { call } from "@/scripts/test/http";
import { session } from "@/scripts/test/sessions";
import { db } from "../db";

async function newSource() {
  const admin = await session("ADMIN");
  const res = await call(sourcesRoute.POST, {
    path: "/api/v1/lead-sources",
    cookie: admin.cookie,
    body: { name: `Website ${Math.random()}` },
  });
  expect(res.status).toBe(201);
  const url = new URL(res.json.url as string);
  return { admin, id: res.json.id as string, name: res.json.name as string, url };
}

/** Posts to the source's URL as a website or a tool would (no session, another origin). */
const post = (url: URL, id: string, body: string, contentType = "application/json") =>
  call(intakeRoute.POST, {
    path: url.pathname + url.search,
    method: "POST",
    rawBody: body,
    params: { sourceId: id },
    headers: { "content-type": contentType, origin: "https://www.example-builder.in", "sec-fetch-site": "cross-site" },
  });

describe("lead sources", () => {
  it("are made by admins, with a URL whose token is shown once; a wrong token or a switched-off source is refused", async () => {
    const agent = await session("AGENT");
    expect((await call(sourcesRoute.POST, { path: "/api/v1/lead-sources", cookie: agent.cookie, body: { name: "x" } })).status).toBe(404);
    const { admin, id, url } = await newSource();
    expect(url.pathname).toBe(`/api/v1/intake/${id}`);
    const token = url.searchParams.get("token")!;
    expect(token.length).toBeGreaterThan(20);
    const list = await call(sourcesRoute.GET, { path: "/api/v1/lead-sources", cookie: admin.cookie });
    expect(JSON.stringify(list.json)).not.toContain(token);

    const wrong = new URL(url);
    wrong.searchParams.set("token", `${token}x`);
    expect((await post(wrong, id, JSON.stringify({ name: "A", phone: uniquePhone() }))).status).toBe(401);
    const renewed = await call(renewRoute.POST, { path: `/api/v1/lead-sources/${id}/url`, cookie: admin.cookie, params: { id } });
    expect((await post(url, id, JSON.stringify({ name: "A", phone: uniquePhone() }))).status).toBe(401);
    const fresh = new URL(renewed.json.url);
    await call(sourceRoute.PATCH, {
      path: `/api/v1/lead-sources/${id}`,
      method: "PATCH",
      cookie: admin.cookie,
      params: { id },
      body: { active: false },
    });
    expect((await post(fresh, id, JSON.stringify({ name: "A", phone: uniquePhone() }))).status).toBe(403);
  });

  it("turn a JSON or form delivery into a lead: the usual names, nested keys, consent, UTM, the enquiry as a note", async () => {
    const { admin, id, url, name } = await newSource();
    const phone = uniquePhone();
    const json = await post(
      url,
      id,
      JSON.stringify({
        contact: { full_name: "Meera Iyer", mobile: phone.slice(3) },
        message: "Need a 3BHK",
        utm_source: "fb",
        consent: "yes",
      }),
    );
    expect(json.status).toBe(201);
    expect(json.json).toMatchObject({ ok: true, status: "CREATED" });
    const lead = await db.lead.findUniqueOrThrow({ where: { id: json.json.leadId } });
    expect(lead).toMatchObject({
      name: "Meera Iyer",
      phone,
      source: name,
      leadSourceId: id,
      consentMethod: "WEB_FORM",
      attribution: { utmSource: "fb" },
    });
    expect(await db.activity.findFirst({ where: { leadId: lead.id, type: "NOTE" } })).toMatchObject({ payload: { body: "Need a 3BHK" } });

    const formPhone = uniquePhone();
    const form = await post(
      url,
      id,
      `first_name=Arjun&last_name=Nair&phone=${encodeURIComponent(formPhone)}&utm_campaign=diwali`,
      "application/x-www-form-urlencoded",
    );
    expect(form.status).toBe(201);
    expect(await db.lead.findUniqueOrThrow({ where: { phone: formPhone } })).toMatchObject({
      name: "Arjun Nair",
      attribution: { utmCampaign: "diwali" },
    });

    const deliveries = await call(deliveriesRoute.GET, {
      path: `/api/v1/lead-sources/${id}/deliveries`,
      cookie: admin.cookie,
      params: { id },
    });
    expect(deliveries.json.items.map((d: { status: string }) => d.status)).toEqual(["CREATED", "CREATED"]);
  });

  it("keeps what makes no lead, with the reason, and processes it again once the mapping is fixed", async () => {
    const { admin, id, url } = await newSource();
    const phone = uniquePhone();
    const skipped = await post(url, id, JSON.stringify({ customer: "Kiran", contact_no: phone }));
    expect(skipped.status).toBe(422);
    expect(skipped.json.error.fields.phone).toMatch(/no phone number/);
    const abroad = await post(url, id, JSON.stringify({ name: "Bikash", phone: "+977 9841234567" }));
    expect(abroad.json.error.fields.phone).toMatch(/Nepal/);
    const unreadable = await post(url, id, "[1,2", "application/json");
    expect(unreadable.status).toBe(400);
    expect(await db.leadDelivery.count({ where: { sourceId: id } })).toBe(3);

    await call(sourceRoute.PATCH, {
      path: `/api/v1/lead-sources/${id}`,
      method: "PATCH",
      cookie: admin.cookie,
      params: { id },
      body: { mapping: { name: "customer", phone: "contact_no" }, constants: { subSource: "Landing page A" } },
    });
    const replayed = await call(replayRoute.POST, {
      path: `/api/v1/lead-deliveries/${skipped.json.deliveryId}/replay`,
      cookie: admin.cookie,
      params: { id: skipped.json.deliveryId },
    });
    expect(replayed.json).toMatchObject({ status: "CREATED" });
    expect(await db.lead.findUniqueOrThrow({ where: { phone } })).toMatchObject({ name: "Kiran", subSource: "Landing page A" });
    const again = await call(replayRoute.POST, {
      path: `/api/v1/lead-deliveries/${skipped.json.deliveryId}/replay`,
      cookie: admin.cookie,
      params: { id: skipped.json.deliveryId },
    });
    expect(again.status).toBe(409);
  });

  it("twenty submissions of one person at once: one lead, nineteen 'Enquired again'; a repeated delivery is a duplicate", async () => {
    const { id, url } = await newSource();
    const phone = uniquePhone();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(url, id, JSON.stringify({ name: "Farah", phone, message: `visit ${i}` }))),
    );
    expect(answers.map((a) => a.json.status).sort()).toEqual(["CREATED", ...Array(19).fill("ENQUIRED_AGAIN")]);
    const lead = await db.lead.findUniqueOrThrow({ where: { phone } });
    expect(await db.activity.count({ where: { leadId: lead.id, type: "ENQUIRED_AGAIN" } })).toBe(19);
    const body = JSON.stringify({ name: "Farah", phone, lead_id: "form-123" });
    expect((await post(url, id, body)).json.status).toBe("ENQUIRED_AGAIN");
    expect((await post(url, id, body)).json.status).toBe("DUPLICATE");
  });

  it("an enquiry from a lead on file fills only empty fields, keeps what an agent typed, and re-opens a LOST lead", async () => {
    const { id, url, name } = await newSource();
    const lead = await makeLead({ status: "LOST", name: "Typed By Agent" });
    const res = await post(
      url,
      id,
      JSON.stringify({ name: "Other Name", phone: lead.phone, email: "new@example.com", message: "still keen" }),
    );
    expect(res.json).toMatchObject({ status: "ENQUIRED_AGAIN", leadId: lead.id });
    const after = await db.lead.findUniqueOrThrow({ where: { id: lead.id } });
    expect(after).toMatchObject({ name: "Typed By Agent", email: "new@example.com", status: "NEW" });
    const entry = await db.activity.findFirstOrThrow({ where: { leadId: lead.id, type: "ENQUIRED_AGAIN" } });
    expect(entry.payload).toMatchObject({ via: name, message: "still keen", reopened: true, filled: expect.arrayContaining(["email"]) });
  });
});
