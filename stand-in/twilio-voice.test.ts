/**
 * The stand-in's Twilio Calls API over real HTTP: a stand-in on port 0 whose
 * status callbacks go to a small capture server standing in for Parley.
 */
import { describe, expect, it } from "vitest";
import { readDial } from "./twilio-voice";
import { base, captured, config, control, parleyUrl, standInSuite, twilioSignatureOf, waitFor } from "./test-harness";

standInSuite();

const USER_PHONE = "+15555550123";
const FROM = "+15550100100";
const DESTINATION = "+15555550188";
const TWIML = `<Response><Dial callerId="${FROM}"><Number>${DESTINATION}</Number></Dial></Response>`;

function createCall(fields: Record<string, string | string[]>, options: { auth?: string; account?: string } = {}) {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) form.append(name, item);
  const auth = options.auth ?? `${config.twilioAccountSid}:${config.twilioAuthToken}`;
  return fetch(`${base}/2010-04-01/Accounts/${options.account ?? config.twilioAccountSid}/Calls.json`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(auth).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
}

const call = (extra: Record<string, string | string[]> = {}) => ({ To: USER_PHONE, From: FROM, Twiml: TWIML, ...extra });

describe("Calls (Twilio)", () => {
  it("accepts a call with the right Basic auth, answers with a call resource and records what it dials", async () => {
    const response = await createCall(call());
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ account_sid: config.twilioAccountSid, to: USER_PHONE, from: FROM, status: "queued", direction: "outbound-api", api_version: "2010-04-01", duration: null });
    expect(body.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(body.uri).toBe(`/2010-04-01/Accounts/${config.twilioAccountSid}/Calls/${body.sid}.json`);
    expect(body.date_created).toMatch(/\+0000$/);

    const calls = (await control("GET", "/control/calls")).json;
    expect(calls).toEqual([expect.objectContaining({ sid: body.sid, to: USER_PHONE, from: FROM, twiml: TWIML, url: null, dialed: [DESTINATION], callerId: FROM, statusCallback: null })]);
    const [record] = (await control("GET", "/control/requests?provider=voice")).json;
    expect(record).toMatchObject({ outcome: "accepted", path: `/2010-04-01/Accounts/${config.twilioAccountSid}/Calls.json`, headers: { authorization: "<redacted>" }, body: { To: USER_PHONE, From: FROM, Twiml: TWIML }, response: { status: 201 } });
    // A call is not an SMS: the SMS views stay empty.
    expect((await control("GET", "/control/accepted?provider=sms")).json).toEqual([]);
  });

  it("answers 401 with Twilio's error for a wrong token or another account", async () => {
    for (const options of [{ auth: `${config.twilioAccountSid}:wrong` }, { account: "AC11111111111111111111111111111111" }]) {
      const response = await createCall(call(), options);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ code: 20003, message: "Authenticate", more_info: "https://www.twilio.com/docs/errors/20003", status: 401 });
    }
    expect((await control("GET", "/control/calls")).json).toEqual([]);
    expect((await control("GET", "/control/requests?provider=voice&outcome=unauthorized")).json).toHaveLength(2);
  });

  it("refuses bad requests with Twilio's codes", async () => {
    const cases: Array<[Record<string, string>, number]> = [
      [{ From: FROM, Twiml: TWIML }, 21201],
      [call({ To: "12345" }), 21211],
      [call({ From: "nobody" }), 21212],
      [{ To: USER_PHONE, Twiml: TWIML }, 21213],
      [{ To: USER_PHONE, From: FROM }, 21205],
      [{ To: USER_PHONE, From: FROM, Url: "not a url" }, 21205],
      [call({ StatusCallback: "nope" }), 21609],
      [call({ To: "+15555550000" }), 21211],
    ];
    for (const [fields, code] of cases) {
      const response = await createCall(fields);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code, status: 400, more_info: `https://www.twilio.com/docs/errors/${code}` });
    }
    expect((await control("GET", "/control/calls")).json).toEqual([]);
  });

  it("follows queued failure rules for provider voice", async () => {
    await control("POST", "/control/failures", [{ provider: "voice", kind: "500" }, { provider: "voice", kind: "429", retryAfterSeconds: 3 }]);
    expect(await (await createCall(call())).json()).toMatchObject({ code: 20500, status: 500 });
    const limited = await createCall(call());
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "3"]);
    expect((await createCall(call())).status).toBe(201);
  });

  it("posts the progress events asked for, signed with X-Twilio-Signature", async () => {
    const callback = `${parleyUrl}/calls/status?call=c1`;
    const { sid } = await (await createCall(call({ StatusCallback: callback, StatusCallbackEvent: ["initiated", "ringing", "answered", "completed"] }))).json();
    await waitFor(() => captured.length >= 4);
    expect(captured.map((hit) => new URLSearchParams(hit.raw).get("CallStatus"))).toEqual(["initiated", "ringing", "in-progress", "completed"]);
    for (const hit of captured) {
      expect(hit.url).toBe(callback);
      expect(hit.headers["x-twilio-signature"]).toBe(twilioSignatureOf(callback, hit.raw));
      expect(Object.fromEntries(new URLSearchParams(hit.raw))).toMatchObject({ CallSid: sid, AccountSid: config.twilioAccountSid, From: FROM, To: USER_PHONE, Direction: "outbound-api" });
    }
    expect(new URLSearchParams(captured[3]!.raw).get("CallDuration")).toBe("42");
    const [recorded] = (await control("GET", "/control/calls")).json;
    expect(recorded.status).toBe("completed");
  });

  it("posts only completed by default, and no-answer for an undelivered rule", async () => {
    await control("POST", "/control/failures", { provider: "voice", kind: "undelivered" });
    await createCall(call({ StatusCallback: `${parleyUrl}/status` }));
    await waitFor(() => captured.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(captured.map((hit) => new URLSearchParams(hit.raw).get("CallStatus"))).toEqual(["no-answer"]);
  });
});

describe("readDial", () => {
  it("reads the caller id and the dialed numbers, XML-unescaped", () => {
    expect(readDial('<Response><Dial callerId="+15550100100" timeout="20"><Number>+15555550188</Number><Number>+15555550189</Number></Dial></Response>')).toEqual({ callerId: "+15550100100", dialed: ["+15555550188", "+15555550189"] });
    expect(readDial("<Response><Dial>+15555550188</Dial></Response>")).toEqual({ callerId: null, dialed: ["+15555550188"] });
    expect(readDial("<Response><Say>Hi &amp; bye</Say></Response>")).toEqual({ callerId: null, dialed: [] });
  });
});
