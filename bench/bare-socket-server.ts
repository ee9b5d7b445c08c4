/** Baseline B1: a bare socket.io server (no adapter, no auth) that acks every "ping". Prints its port. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false });
io.on("connection", (socket) => {
  socket.on("ping", (payload: unknown, ack: (answer: unknown) => void) => ack(payload));
});
httpServer.listen(0, "127.0.0.1", () => {
  console.log(`port=${(httpServer.address() as AddressInfo).port}`);
});
process.on("SIGTERM", () => process.exit(0));
