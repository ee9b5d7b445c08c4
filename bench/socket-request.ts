/** Socket requests (emit with ack), the way the console and the web-chat page send and pick. */
import type { Socket } from "socket.io-client";

export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Never throws: no answer within the timeout (or a closed socket) answers code "TIMEOUT". */
export async function ask<T>(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<Ack<T>> {
  try {
    return (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
  } catch (error) {
    return { ok: false, error: { code: "TIMEOUT", message: String(error) } };
  }
}
