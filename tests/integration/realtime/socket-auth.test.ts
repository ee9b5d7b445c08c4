import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { publishAgentEvent } from "@/lib/realtime/bus";
import { onlineUserIds } from "@/lib/realtime/presence";
import { createCompany, createUser, sessionCookieFor } from "../../support/factories";
import { collect, connectClient, connected, nextEvent, request, sleep, startSocketServer, type SocketHarness } from "../../support/socket-harness";

let harness: SocketHarness;
const open: Socket[] = [];
const track = (socket: Socket) => (open.push(socket), socket);

beforeAll(async () => {
  harness = await startSocketServer();
});
afterAll(async () => {
  open.forEach((socket) => socket.disconnect());
  await harness.close();
});

describe("socket authentication", () => {
  it("refuses a connection without a session", async () => {
    await expect(connected(track(connectClient(harness.url)))).rejects.toThrow("UNAUTHENTICATED");
  });

  it("refuses a forged session cookie", async () => {
    await expect(connected(track(connectClient(harness.url, { cookie: "next-auth.session-token=abc.def.ghi" })))).rejects.toThrow("UNAUTHENTICATED");
  });

  it("accepts the page session cookie and knows who is connected", async () => {
    const company = await createCompany();
    const user = await createUser(company.id, { role: "SUPERVISOR" });
    const socket = await connected(track(connectClient(harness.url, { cookie: await sessionCookieFor(user) })));
    const answer = await request(socket, "session:whoami", {});
    expect(answer).toEqual({ ok: true, data: { userId: user.id, companyId: company.id, role: "SUPERVISOR" } });
  });
});

describe("event bus through Redis", () => {
  it("delivers a company event to that company's users only", async () => {
    const acme = await createCompany();
    const other = await createCompany();
    const alice = await createUser(acme.id);
    const bob = await createUser(acme.id);
    const stranger = await createUser(other.id);
    const aliceSocket = await connected(track(connectClient(harness.url, { cookie: await sessionCookieFor(alice) })));
    const strangerSocket = await connected(track(connectClient(harness.url, { cookie: await sessionCookieFor(stranger) })));
    const strangerSaw = collect(strangerSocket, "presence:changed");
    await sleep(100); // let the connection join its rooms

    const received = nextEvent<{ userId: string; online: boolean }>(aliceSocket, "presence:changed");
    publishAgentEvent("presence:changed", { userId: bob.id, companyId: acme.id, online: true });
    expect(await received).toMatchObject({ userId: bob.id, online: true });
    await sleep(200);
    expect(strangerSaw.filter((event) => (event as { userId: string }).userId === bob.id)).toEqual([]);
  });

  it("marks a user online while any of their clients is connected", async () => {
    const company = await createCompany();
    const user = await createUser(company.id);
    const cookie = await sessionCookieFor(user);
    const first = await connected(track(connectClient(harness.url, { cookie })));
    const second = await connected(track(connectClient(harness.url, { cookie })));
    await sleep(150);
    expect(await onlineUserIds([user.id])).toEqual(new Set([user.id]));
    first.disconnect();
    await sleep(150);
    expect(await onlineUserIds([user.id])).toEqual(new Set([user.id]));
    second.disconnect();
    await sleep(150);
    expect(await onlineUserIds([user.id])).toEqual(new Set());
  });
});
