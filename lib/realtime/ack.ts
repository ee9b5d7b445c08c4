/** Wraps a socket request handler: validates the payload, maps errors to the ack, never throws. */
import type { ZodType } from "zod";
import { fromZodError, toErrorBody } from "../errors";
import type { SocketAck } from "./events";

export function handleRequest<Req, Res>(schema: ZodType<Req>, handler: (payload: Req) => Promise<Res>) {
  return async (raw: unknown, ack?: unknown): Promise<void> => {
    const reply = typeof ack === "function" ? (ack as (answer: SocketAck<Res>) => void) : () => {};
    try {
      const parsed = schema.safeParse(raw ?? {});
      if (!parsed.success) throw fromZodError(parsed.error);
      reply({ ok: true, data: await handler(parsed.data) });
    } catch (error) {
      reply({ ok: false, error: toErrorBody(error).body.error });
    }
  };
}
