/**
 * /control/*: JSON endpoints for tests and people to inspect what the
 * stand-in received (requests, accepted sends, calls, webhooks), queue failures, set latency, play inbound customers
 * and read the replies sent to a number.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { failureRuleSchema } from "./failures";
import { readBody, sendJson, type Reply } from "./http-util";
import { sendInboundSms, sendInboundWhatsApp } from "./inbound";
import type { StandInState } from "./recorder";
import { reportSmsStatus } from "./twilio";
import { reportWhatsAppStatus } from "./whatsapp";

const providerSchema = z.enum(["sms", "whatsapp"]);

const smsInboundSchema = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  body: z.string(),
  mediaUrls: z.array(z.url()).max(10).optional(),
  mediaContentTypes: z.array(z.string().min(1)).max(10).optional(),
});

const whatsAppInboundSchema = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  phoneNumberId: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  body: z.string().min(1),
  wamid: z.string().min(1).optional(),
});

const statusSchema = z.discriminatedUnion("provider", [
  z.object({ provider: z.literal("sms"), messageId: z.string().min(1), status: z.enum(["sent", "delivered", "undelivered", "failed"]), errorCode: z.number().int().optional() }),
  z.object({ provider: z.literal("whatsapp"), messageId: z.string().min(1), status: z.enum(["sent", "delivered", "read", "failed"]) }),
]);

class BadRequest extends Error {
  readonly issues: Array<{ path: string; message: string }>;
  constructor(issues: string | Array<{ path: string; message: string }>) {
    super("invalid request");
    this.issues = typeof issues === "string" ? [{ path: "", message: issues }] : issues;
  }
}

async function jsonBody<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const text = (await readBody(req)).toString("utf8").trim();
  let value: unknown = {};
  if (text !== "") {
    try {
      value = JSON.parse(text);
    } catch {
      throw new BadRequest("body is not valid JSON");
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadRequest(parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })));
  return parsed.data;
}

const ok = (body: unknown, status = 200): Reply => ({ status, body });

/** What the posted webhook answered, as the control endpoints report it (502 if Parley could not be reached). */
function relayed<T extends { status: number | null; error: string | null }>(result: T): Reply {
  const { error, ...rest } = result;
  return error === null ? ok(rest) : ok({ ...rest, error }, 502);
}

type Route = (state: StandInState, req: IncomingMessage, url: URL) => Promise<Reply> | Reply;

const routes: Record<string, Route> = {
  "GET /control/health": () => ok({ ok: true }),
  "GET /control/requests": (state, _req, url) =>
    ok(state.filterRequests({ provider: url.searchParams.get("provider") ?? undefined, outcome: url.searchParams.get("outcome") ?? undefined })),
  "DELETE /control/requests": (state) => {
    state.requests.length = 0;
    state.accepted.length = 0;
    state.webhooks.length = 0;
    return ok({ cleared: true });
  },
  "GET /control/accepted": (state, _req, url) => {
    const provider = url.searchParams.get("provider");
    const after = url.searchParams.get("after");
    if (after !== null && !/^\d+$/.test(after)) throw new BadRequest("after must be the seq of an accepted send (0 or more)");
    const sends = after === null ? state.accepted : state.acceptedAfter(Number(after));
    return ok(sends.filter((send) => !provider || send.provider === provider));
  },
  "GET /control/calls": (state) => ok(state.calls()),
  "GET /control/webhooks": (state) => ok(state.webhooks),
  "GET /control/conversation": (state, _req, url) => {
    const provider = providerSchema.safeParse(url.searchParams.get("provider"));
    const number = url.searchParams.get("number") ?? "";
    if (!provider.success || number.trim() === "") throw new BadRequest("provider (sms|whatsapp) and number are required");
    return ok(state.conversation(provider.data, number));
  },
  "GET /control/failures": (state) => ok(state.failures.list()),
  "POST /control/failures": async (state, req) => {
    const rules = await jsonBody(req, z.union([failureRuleSchema, z.array(failureRuleSchema).min(1)]));
    const queued = (Array.isArray(rules) ? rules : [rules]).map((rule) => state.failures.add(rule));
    return ok({ queued, pending: state.failures.list() }, 201);
  },
  "DELETE /control/failures": (state) => {
    state.failures.clear();
    return ok({ cleared: true });
  },
  "GET /control/latency": (state) => ok({ ms: state.latencyMs }),
  "POST /control/latency": async (state, req) => {
    const { ms } = await jsonBody(req, z.object({ ms: z.number().int().min(0).max(600_000) }));
    state.latencyMs = ms;
    return ok({ ms });
  },
  "POST /control/reset": (state) => {
    state.reset();
    return ok({ reset: true });
  },
  "POST /control/sms/inbound": async (state, req) => relayed(await sendInboundSms(state, await jsonBody(req, smsInboundSchema))),
  "POST /control/whatsapp/inbound": async (state, req) => relayed(await sendInboundWhatsApp(state, await jsonBody(req, whatsAppInboundSchema))),
  "POST /control/status": async (state, req) => {
    const request = await jsonBody(req, statusSchema);
    const send = state.findAccepted(request.provider, request.messageId);
    if (!send) return ok({ error: { message: `no accepted ${request.provider} send ${request.messageId}` } }, 404);
    if (request.provider === "sms") {
      const failed = request.status === "failed" || request.status === "undelivered";
      await reportSmsStatus(state, send, request.status, request.errorCode ?? (failed ? 30003 : undefined));
    } else {
      await reportWhatsAppStatus(state, send, request.status);
    }
    return ok(send);
  },
};

/** Answers a /control request; false if no such route. */
export async function handleControl(state: StandInState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const route = routes[`${req.method ?? "GET"} ${url.pathname.replace(/\/+$/, "")}`];
  if (!route) return false;
  try {
    sendJson(res, await route(state, req, url));
  } catch (error) {
    if (!(error instanceof BadRequest)) throw error;
    sendJson(res, { status: 400, body: { error: { message: "invalid request", issues: error.issues } } });
  }
  return true;
}
