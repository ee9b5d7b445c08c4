/**
 * Click-to-call through POST /api/v1/calls against the provider stand-in
 * (in this process, over real HTTP): the provider is asked to ring the
 * caller's own phone from their assigned SMS number, with TwiML that dials
 * the destination; refusals change nothing, provider failures leave a
 * failed Call row.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as callsRoute from "@/app/api/v1/calls/route";
import { NO_OWN_PHONE } from "@/lib/calls/place-call";
import { NO_ASSIGNED_NUMBER } from "@/lib/rooms/sms-numbers";
import { createStandIn, type StandIn } from "@/stand-in/app";
import { parseConfig } from "@/stand-in/config";
import type { CallView, RequestRecord } from "@/stand-in/recorder";
import { channelCenter, SMS_TOKEN, uniqueNumber } from "../../support/channels";
import { createUser } from "../../support/factories";
import { apiTokenFor, callRoute } from "../../support/http";

type CallAnswer = { call: { id: string; status: string; destination: string; userPhone: string; from: string } };
type ErrorAnswer = { error: { code: string; message: string; fields?: Array<{ path: string; message: string }> } };

let standIn: StandIn;
let standInUrl: string;

beforeAll(async () => {
  standIn = createStandIn(parseConfig({ STAND_IN_PORT: "0", TWILIO_AUTH_TOKEN: SMS_TOKEN, STATUS_DELAY_MS: "600000" }));
  await new Promise<void>((resolve) => standIn.server.listen(0, "127.0.0.1", resolve));
  standInUrl = `http://127.0.0.1:${(standIn.server.address() as AddressInfo).port}`;
});

afterAll(() => standIn.close());

async function standInGet<T>(path: string): Promise<T> {
  return (await (await fetch(standInUrl + path)).json()) as T;
}

/** The calls the stand-in accepted that ring this phone, and every Calls request to it. */
async function providerSaw(phone: string) {
  const calls = (await standInGet<CallView[]>("/control/calls")).filter((call) => call.to === phone);
  const requests = (await standInGet<RequestRecord[]>("/control/requests?provider=voice")).filter((r) => (r.body as { To?: string }).To === phone);
  return { calls, requests };
}

/** A company with an SMS number on the stand-in, and a caller with their own phone and that number assigned. */
async function caller(options: { phone?: string | null; assigned?: boolean; standIn?: boolean } = {}) {
  const center = await channelCenter({ standInUrl: options.standIn === false ? undefined : standInUrl });
  const me = await db.user.update({ where: { id: center.agent.id }, data: { phone: options.phone === undefined ? uniqueNumber() : options.phone } });
  if (options.assigned !== false) await db.userNumber.create({ data: { userId: me.id, channelAddressId: center.sms.id } });
  const token = await apiTokenFor(me.id);
  const place = <T = CallAnswer>(body: unknown) => callRoute<T>(callsRoute.POST, "POST", { token, body });
  const callRows = () => db.call.findMany({ where: { userId: me.id } });
  return { ...center, me, place, callRows };
}

const twimlFor = (from: string, destination: string) => `<Response><Dial callerId="${from}"><Number>${destination}</Number></Dial></Response>`;

describe("click-to-call", () => {
  it("rings your own phone from your assigned number, then dials the number you typed", async () => {
    const { me, sms, place, callRows } = await caller();
    const destination = uniqueNumber();
    const typed = `+1 (${destination.slice(2, 5)}) ${destination.slice(5, 8)}-${destination.slice(8)}`;

    const answer = await place({ to: { type: "phone", number: typed } });

    expect(answer.status).toBe(201);
    expect(answer.body.call).toEqual({ id: expect.any(String), status: "queued", destination, userPhone: me.phone, from: sms.address });
    const { calls, requests } = await providerSaw(me.phone!);
    expect(requests).toHaveLength(1);
    // Accepted means the Basic auth (account SID : auth token of the number) was right.
    expect(requests[0]).toMatchObject({ outcome: "accepted", method: "POST", path: `/2010-04-01/Accounts/${sms.providerAccount}/Calls.json`, body: { To: me.phone, From: sms.address, Twiml: twimlFor(sms.address, destination) } });
    expect(requests[0]!.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(calls).toEqual([expect.objectContaining({ to: me.phone, from: sms.address, dialed: [destination], callerId: sms.address })]);
    expect(await callRows()).toEqual([
      expect.objectContaining({ id: answer.body.call.id, companyId: me.companyId, fromAddressId: sms.id, userPhone: me.phone, destination, status: "queued", providerCallSid: calls[0]!.sid, failureReason: null }),
    ]);
  });

  it("calls a colleague on the phone they saved in Parley", async () => {
    const { me, sms, company, place, callRows } = await caller();
    const colleague = await db.user.update({ where: { id: (await createUser(company.id, { name: "Bea Colleague" })).id }, data: { phone: uniqueNumber() } });

    const answer = await place({ to: { type: "user", id: colleague.id }, fromAddressId: sms.id });

    expect(answer.status).toBe(201);
    expect(answer.body.call).toMatchObject({ status: "queued", destination: colleague.phone, userPhone: me.phone, from: sms.address });
    const { calls } = await providerSaw(me.phone!);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.twiml).toBe(twimlFor(sms.address, colleague.phone!));
    expect((await callRows()).map((row) => [row.status, row.destination])).toEqual([["queued", colleague.phone]]);
  });

  it("without your own phone: 422 telling you to add it under Settings, and nothing is placed", async () => {
    const { place, callRows } = await caller({ phone: null });
    const answer = await place<ErrorAnswer>({ to: { type: "phone", number: uniqueNumber() } });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: "VALIDATION", message: NO_OWN_PHONE });
    expect(await callRows()).toEqual([]);
  });

  it("without an assigned SMS number: 403 with the no-assigned-number message", async () => {
    const { me, place, callRows } = await caller({ assigned: false });
    const answer = await place<ErrorAnswer>({ to: { type: "phone", number: uniqueNumber() } });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toEqual({ code: "FORBIDDEN", message: NO_ASSIGNED_NUMBER });
    expect(await callRows()).toEqual([]);
    expect((await providerSaw(me.phone!)).requests).toEqual([]);
  });

  it("refuses unusable destinations with 422 and a message a person can act on", async () => {
    const { me, company, whatsapp, place, callRows } = await caller();
    const phoneless = await createUser(company.id, { name: "Nina Nophone" });
    const cases: Array<[unknown, string]> = [
      [{ to: { type: "phone", number: "12345" } }, `"12345" is not a valid phone number. Type it with its country code, e.g. +1 555 010 0123.`],
      [{ to: { type: "user", id: phoneless.id } }, "Nina Nophone has no phone number in Parley."],
      [{ to: { type: "user", id: me.id } }, "You cannot call yourself."],
      [{ to: { type: "phone", number: me.phone } }, "You cannot call yourself: that is your own phone."],
      [{ to: { type: "phone", number: uniqueNumber() }, fromAddressId: whatsapp.id }, "You can only send from the SMS numbers assigned to you."],
    ];
    for (const [body, message] of cases) {
      const answer = await place<ErrorAnswer>(body);
      expect(answer.status).toBe(422);
      expect(answer.body.error).toMatchObject({ code: "VALIDATION", message });
    }
    const malformed = await place<ErrorAnswer>({ to: { type: "fax", number: "+15550100123" } });
    expect([malformed.status, malformed.body.error.fields?.[0]?.path]).toEqual([422, "to.type"]);
    expect(await callRows()).toEqual([]);
    expect((await providerSaw(me.phone!)).requests).toEqual([]);
  });

  it("a colleague of another company answers 404, as if they did not exist", async () => {
    const { place, callRows } = await caller();
    const other = await channelCenter();
    await db.user.update({ where: { id: other.agent.id }, data: { phone: uniqueNumber() } });
    const answer = await place<ErrorAnswer>({ to: { type: "user", id: other.agent.id } });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe("NOT_FOUND");
    expect(await callRows()).toEqual([]);
  });

  it("a provider that cannot be reached: 503 saying so, and a failed Call row", async () => {
    const { place, callRows } = await caller({ standIn: false });
    const destination = uniqueNumber();
    const answer = await place<ErrorAnswer>({ to: { type: "phone", number: destination } });
    expect(answer.status).toBe(503);
    expect(answer.body.error.code).toBe("UNAVAILABLE");
    expect(answer.body.error.message).toMatch(/^The phone provider could not be reached \(.+\)\. Try again in a moment\.$/);
    expect(await callRows()).toEqual([expect.objectContaining({ status: "failed", destination, providerCallSid: null, failureReason: answer.body.error.message })]);
  });

  it("a provider refusal (wrong credentials, invalid phone, outage): 503 with the provider's reason, and a failed Call row", async () => {
    const wrongToken = await caller();
    await db.channelAddress.update({ where: { id: wrongToken.sms.id }, data: { providerSecret: "not-the-token" } });
    const denied = await wrongToken.place<ErrorAnswer>({ to: { type: "phone", number: uniqueNumber() } });
    expect([denied.status, denied.body.error.message]).toEqual([503, "The phone provider refused the call: Authenticate (error 20003)."]);
    expect((await providerSaw(wrongToken.me.phone!)).requests.map((r) => r.outcome)).toEqual(["unauthorized"]);

    // The stand-in refuses numbers ending in 0000 as invalid (Twilio's 21211).
    const invalidPhone = await caller({ phone: `+1555${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}0000` });
    const refused = await invalidPhone.place<ErrorAnswer>({ to: { type: "phone", number: uniqueNumber() } });
    expect([refused.status, refused.body.error.message]).toEqual([503, `The phone provider refused the call: Invalid 'To' Phone Number: ${invalidPhone.me.phone} (error 21211).`]);

    const outage = await caller();
    await fetch(`${standInUrl}/control/failures`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ provider: "voice", kind: "500", to: outage.me.phone }) });
    const broken = await outage.place<ErrorAnswer>({ to: { type: "phone", number: uniqueNumber() } });
    expect([broken.status, broken.body.error.message]).toEqual([503, "The phone provider refused the call: Internal Server Error (error 20500)."]);

    for (const { callRows } of [wrongToken, invalidPhone, outage]) {
      const rows = await callRows();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: "failed", providerCallSid: null, failureReason: expect.stringMatching(/^The phone provider refused the call: /) });
    }
  });
});
