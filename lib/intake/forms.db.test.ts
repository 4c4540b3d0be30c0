// Hosted forms: an admin sets one up on a lead source; visitors' submissions are checked for them,
// kept from bots (hidden field, a limit per address in PostgreSQL), stored first and made leads with
// their consent notice, UTM parameters, referrer and landing page.
import { describe, expect, it } from "vitest";
import * as formRoute from "@/app/api/v1/lead-sources/[id]/form/route";
import * as sourcesRoute from "@/app/api/v1/lead-sources/route";
import { uniquePhone } from "@/scripts/test/factories";
import { call } from "@/scripts/test/http";
import { randomIp, restoreEnvAfterEach, session } from "@/scripts/test/sessions";
import { db } from "../db";
import { env } from "../env";
import { FORM_LIMIT, publicWebForm, submitWebForm } from "./forms";

restoreEnvAfterEach();

async function sourceWithForm(extra: Record<string, unknown> = {}) {
  const admin = await session("ADMIN");
  const made = await call(sourcesRoute.POST, {
    path: "/api/v1/lead-sources",
    cookie: admin.cookie,
    body: { name: `Site ${Math.random()}` },
  });
  const id = made.json.id as string;
  const slug = `pune-${Math.random().toString(36).slice(2, 10)}`;
  const res = await call(formRoute.PUT, {
    path: `/api/v1/lead-sources/${id}/form`,
    method: "PUT",
    cookie: admin.cookie,
    params: { id },
    body: {
      slug,
      title: "2BHK in Pune",
      fields: [
        { key: "email", required: false },
        { key: "message", required: true },
      ],
      consentText: "I agree to be called about my enquiry.",
      consentRequired: true,
      thankYou: "Thanks! We call within 10 minutes.",
      ...extra,
    },
  });
  expect(res.status, res.text).toBe(200);
  return { admin, id, slug, url: res.json.url as string };
}

const visitor = (fields: Record<string, string>) => ({
  name: "Meera Iyer",
  phone: uniquePhone(),
  message: "Site visit on Sunday",
  consent: "yes",
  ...fields,
});

describe("hosted web forms", () => {
  it("are set up by admins: the address is checked, taken once, and the redirect must be https in production", async () => {
    const { admin, id, slug, url } = await sourceWithForm();
    expect(url).toBe(`http://localhost:3000/f/${slug}`);
    expect(await publicWebForm(slug)).toMatchObject({ title: "2BHK in Pune", consentRequired: true });
    const agent = await session("AGENT");
    const body = { slug: "another-form", title: "x" };
    expect((await call(formRoute.PUT, { path: "/x", method: "PUT", cookie: agent.cookie, params: { id }, body })).status).toBe(404);
    const bad = await call(formRoute.PUT, {
      path: "/x",
      method: "PUT",
      cookie: admin.cookie,
      params: { id },
      body: { slug: "No Spaces!", title: "" },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["slug", "title"]);
    const other = await sourceWithForm();
    const taken = await call(formRoute.PUT, {
      path: "/x",
      method: "PUT",
      cookie: admin.cookie,
      params: { id: other.id },
      body: { slug, title: "Same address" },
    });
    expect(taken.status).toBe(409);
    expect(taken.json.error.fields).toEqual({ slug: "is taken" });
    (env as { NODE_ENV: string }).NODE_ENV = "production";
    const http = await call(formRoute.PUT, {
      path: "/x",
      method: "PUT",
      cookie: admin.cookie,
      params: { id },
      body: { slug, title: "t", redirectUrl: "http://example.com/thanks" },
    });
    expect(http.json.error.fields).toEqual({ redirectUrl: "must be an https address" });
  });

  it("tells the visitor what to fix, field by field, and keeps nothing until it is right", async () => {
    const { id, slug } = await sourceWithForm();
    const answer = await submitWebForm(slug, { name: "", phone: "12", email: "nope", message: "", consent: "" }, { ip: randomIp() });
    expect(answer).toMatchObject({ ok: false });
    expect(answer.ok === false && Object.keys(answer.fields).sort()).toEqual(["consent", "email", "message", "name", "phone"]);
    expect(answer.ok === false && answer.fields.phone).toBe("Please enter a mobile number we can call, e.g. 98100 15838.");
    expect(await db.leadDelivery.count({ where: { sourceId: id } })).toBe(0);
  });

  it("makes a lead with the consent notice, UTM, referrer and landing page; a second identical submission is the same lead", async () => {
    const { id, slug } = await sourceWithForm();
    const fields = visitor({
      utm_source: "facebook",
      utm_campaign: "diwali",
      ref: "https://www.facebook.com/",
      page: "https://builder.example.com/pune?utm_source=facebook",
      // Not on the form: dropped.
      ownerId: "someone",
    });
    const answer = await submitWebForm(slug, fields, { ip: randomIp() });
    expect(answer).toEqual({ ok: true, thankYou: "Thanks! We call within 10 minutes.", redirectUrl: null });
    const [delivery] = await db.leadDelivery.findMany({ where: { sourceId: id } });
    expect(delivery).toMatchObject({ status: "CREATED", contentType: "application/x-www-form-urlencoded" });
    expect(delivery!.formId).not.toBeNull();
    const lead = await db.lead.findUniqueOrThrow({ where: { id: delivery!.leadId! } });
    expect(lead).toMatchObject({
      name: "Meera Iyer",
      leadSourceId: id,
      subSource: "Web form: 2BHK in Pune",
      consentMethod: "WEB_FORM",
      consentText: "I agree to be called about my enquiry.",
    });
    expect(lead.ownerId).not.toBe("someone");
    expect(lead.attribution).toMatchObject({
      utmSource: "facebook",
      utmCampaign: "diwali",
      referrer: "https://www.facebook.com/",
      landingPage: "https://builder.example.com/pune?utm_source=facebook",
    });
    await submitWebForm(slug, fields, { ip: randomIp() });
    expect(await db.lead.count({ where: { phone: lead.phone } })).toBe(1);
  });

  it("keeps a bot's submission (hidden field filled) without making a lead, and limits each address", async () => {
    const { id, slug } = await sourceWithForm();
    const bot = await submitWebForm(slug, visitor({ website: "http://spam.example" }), { ip: randomIp() });
    expect(bot.ok).toBe(true);
    const [kept] = await db.leadDelivery.findMany({ where: { sourceId: id } });
    expect(kept).toMatchObject({ status: "SKIPPED", leadId: null });
    expect(kept!.reason).toMatch(/hidden field/);

    const ip = randomIp();
    for (let i = 0; i < FORM_LIMIT.limit; i++) expect((await submitWebForm(slug, visitor({}), { ip })).ok).toBe(true);
    const over = await submitWebForm(slug, visitor({}), { ip });
    expect(over.ok).toBe(false);
    expect(over.ok === false && over.message).toMatch(/^Too many enquiries from your network\. Please try again in \d+ minutes\.$/);
    // Another address is not held back.
    expect((await submitWebForm(slug, visitor({}), { ip: randomIp() })).ok).toBe(true);
  });

  it("is closed when switched off, and sends the visitor on to the admin's address", async () => {
    const { admin, id, slug } = await sourceWithForm({ redirectUrl: "https://builder.example.com/thank-you" });
    expect(await submitWebForm(slug, visitor({}), { ip: randomIp() })).toEqual({
      ok: true,
      thankYou: "Thanks! We call within 10 minutes.",
      redirectUrl: "https://builder.example.com/thank-you",
    });
    await call(formRoute.PUT, {
      path: "/x",
      method: "PUT",
      cookie: admin.cookie,
      params: { id },
      body: { slug, title: "t", active: false },
    });
    expect(await publicWebForm(slug)).toBeNull();
    expect(await submitWebForm(slug, visitor({}), { ip: randomIp() })).toMatchObject({ ok: false, message: "This form is closed." });
  });
});
