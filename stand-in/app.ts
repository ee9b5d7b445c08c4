/**
 * The stand-in's HTTP server: provider APIs (Twilio SMS and calls, WhatsApp
 * Cloud API), /control/* and the customer page. createStandIn does not listen;
 * callers (server.ts, tests) call server.listen themselves.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { StandInConfig } from "./config";
import { handleControl } from "./control";
import { CUSTOMER_PAGE } from "./customer-page";
import { BodyTooLargeError, isAbortError, sendHtml, sendJson } from "./http-util";
import { handleProviderSend } from "./provider-flow";
import { StandInState } from "./recorder";
import { twilioAdapter } from "./twilio";
import { twilioVoiceAdapter } from "./twilio-voice";
import { whatsAppAdapter } from "./whatsapp";

const TWILIO_SEND = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const TWILIO_CALL = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\.json$/;
const WHATSAPP_SEND = /^\/(v\d+(?:\.\d+)?)\/([^/]+)\/messages$/;

export interface StandIn {
  server: Server;
  state: StandInState;
  /** Stops timers and pending webhooks, drops open connections and closes the server. */
  close(): Promise<void>;
}

export function createStandIn(config: StandInConfig): StandIn {
  const state = new StandInState(config);
  const twilio = twilioAdapter(state);
  const voice = twilioVoiceAdapter(state);
  const whatsapp = whatsAppAdapter(state);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://stand-in.local");
    const method = req.method ?? "GET";

    const twilioMatch = TWILIO_SEND.exec(url.pathname);
    if (twilioMatch && method === "POST") {
      return handleProviderSend(state, twilio, req, res, { accountSid: decodeURIComponent(twilioMatch[1]!) });
    }
    const callMatch = TWILIO_CALL.exec(url.pathname);
    if (callMatch && method === "POST") {
      return handleProviderSend(state, voice, req, res, { accountSid: decodeURIComponent(callMatch[1]!) });
    }
    const whatsAppMatch = WHATSAPP_SEND.exec(url.pathname);
    if (whatsAppMatch && method === "POST") {
      return handleProviderSend(state, whatsapp, req, res, { version: whatsAppMatch[1]!, phoneNumberId: decodeURIComponent(whatsAppMatch[2]!) });
    }
    if (url.pathname.startsWith("/control/") && (await handleControl(state, req, res, url))) return;
    if (url.pathname === "/" && (method === "GET" || method === "HEAD")) return sendHtml(res, CUSTOMER_PAGE);
    sendJson(res, { status: 404, body: { error: { message: `no route for ${method} ${url.pathname}` } } });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (isAbortError(error) || state.scheduler.closedSignal.aborted) {
        res.destroy();
        return;
      }
      if (error instanceof BodyTooLargeError) {
        sendJson(res, { status: 413, body: { error: { message: error.message } } });
        return;
      }
      console.error("[stand-in] request failed:", error);
      sendJson(res, { status: 500, body: { error: { message: "stand-in internal error" } } });
    });
  });

  async function close(): Promise<void> {
    state.scheduler.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  return { server, state, close };
}
