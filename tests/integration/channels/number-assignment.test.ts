/**
 * Assigning SMS numbers to users (Configuration → Numbers) through the real
 * route handlers, and what the assigned user then sees in GET /me/numbers.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as numbersRoute from "@/app/api/v1/numbers/route";
import * as numberRoute from "@/app/api/v1/numbers/[id]/route";
import * as numberUsersRoute from "@/app/api/v1/numbers/[id]/users/route";
import * as myNumbersRoute from "@/app/api/v1/me/numbers/route";
import type { NumberConfigDto } from "@/lib/channels/number-config";
import type { AssignedNumberDto } from "@/lib/rooms/sms-numbers";
import { channelCenter } from "../../support/channels";
import { createAddress, createUser } from "../../support/factories";
import { apiTokenFor, callRoute } from "../../support/http";

type NumberAnswer = { number: NumberConfigDto };
type ErrorAnswer = { error: { code: string; message: string } };

async function numbersDesk() {
  const center = await channelCenter();
  const supervisor = await createUser(center.company.id, { role: "SUPERVISOR", name: "Sue Supervisor" });
  const ann = await createUser(center.company.id, { name: "Ann Agent" });
  const ben = await createUser(center.company.id, { name: "Ben Agent" });
  const supervisorToken = await apiTokenFor(supervisor.id);
  const assign = <T = NumberAnswer>(numberId: string, userIds: string[], token = supervisorToken) =>
    callRoute<T>(numberUsersRoute.PUT, "PUT", { token, params: { id: numberId }, body: { userIds } });
  const myNumbers = async (userId: string) => (await callRoute<{ items: AssignedNumberDto[] }>(myNumbersRoute.GET, "GET", { token: await apiTokenFor(userId) })).body.items;
  const assignedIds = async (numberId: string) => (await db.userNumber.findMany({ where: { channelAddressId: numberId }, orderBy: { userId: "asc" } })).map((row) => row.userId);
  return { ...center, supervisor, ann, ben, supervisorToken, assign, myNumbers, assignedIds };
}

describe("assigning SMS numbers to users", () => {
  it("assigns and unassigns; the list shows the assignees and each user's own numbers follow", async () => {
    const desk = await numbersDesk();
    const { sms, ann, ben } = desk;

    const assigned = await desk.assign(sms.id, [ben.id, ann.id, ann.id]);
    expect(assigned.status).toBe(200);
    expect(assigned.body.number).toMatchObject({ id: sms.id, assignedUsers: [{ id: ann.id, name: "Ann Agent" }, { id: ben.id, name: "Ben Agent" }] });
    expect(await desk.myNumbers(ann.id)).toEqual([{ id: sms.id, number: sms.address, label: sms.label }]);

    const list = await callRoute<{ items: NumberConfigDto[] }>(numbersRoute.GET, "GET", { token: desk.supervisorToken });
    const byId = new Map(list.body.items.map((n) => [n.id, n]));
    expect(byId.get(sms.id)!.assignedUsers.map((u) => u.name)).toEqual(["Ann Agent", "Ben Agent"]);
    expect(byId.get(desk.whatsapp.id)!.assignedUsers).toEqual([]);

    const unassigned = await desk.assign(sms.id, [ben.id]);
    expect(unassigned.body.number.assignedUsers).toEqual([{ id: ben.id, name: "Ben Agent" }]);
    expect(await desk.myNumbers(ann.id)).toEqual([]);
    expect((await desk.myNumbers(ben.id)).map((n) => n.id)).toEqual([sms.id]);

    expect((await desk.assign(sms.id, [])).body.number.assignedUsers).toEqual([]);
    expect(await desk.myNumbers(ben.id)).toEqual([]);
  });

  it("a user of another company answers 404 and changes nothing", async () => {
    const desk = await numbersDesk();
    await desk.assign(desk.sms.id, [desk.ann.id]);
    const stranger = (await channelCenter()).agent;
    const answer = await desk.assign<ErrorAnswer>(desk.sms.id, [desk.ben.id, stranger.id]);
    expect(answer.status).toBe(404);
    expect(answer.body.error).toEqual({ code: "NOT_FOUND", message: "One of those users does not exist." });
    expect(await desk.assignedIds(desk.sms.id)).toEqual([desk.ann.id]);
    expect(await desk.myNumbers(stranger.id)).toEqual([]);
  });

  it("a number of another company answers 404", async () => {
    const desk = await numbersDesk();
    const other = await channelCenter();
    const answer = await desk.assign<ErrorAnswer>(other.sms.id, [desk.ann.id]);
    expect(answer.status).toBe(404);
    expect(await desk.assignedIds(other.sms.id)).toEqual([]);
  });

  it("WhatsApp numbers and web-chat entry points cannot be assigned (422)", async () => {
    const desk = await numbersDesk();
    const webchat = await createAddress(desk.company.id, desk.queue.id, "WEBCHAT");
    const whatsapp = await desk.assign<ErrorAnswer>(desk.whatsapp.id, [desk.ann.id]);
    expect(whatsapp.status).toBe(422);
    expect(whatsapp.body.error).toMatchObject({ code: "VALIDATION", message: "Only SMS numbers can be assigned to users. WhatsApp numbers are answered through their queue." });
    const entry = await desk.assign<ErrorAnswer>(webchat.id, [desk.ann.id]);
    expect([entry.status, entry.body.error.message]).toEqual([422, "Only SMS numbers can be assigned to users. Web-chat entry points are answered through their queue."]);
    expect(await desk.assignedIds(desk.whatsapp.id)).toEqual([]);
    expect(await desk.myNumbers(desk.ann.id)).toEqual([]);
  });

  it("only supervisors and admins assign numbers", async () => {
    const desk = await numbersDesk();
    const answer = await desk.assign<ErrorAnswer>(desk.sms.id, [desk.ann.id], await apiTokenFor(desk.ann.id));
    expect(answer.status).toBe(403);
    expect(await desk.assignedIds(desk.sms.id)).toEqual([]);
    const bad = await callRoute<ErrorAnswer>(numberUsersRoute.PUT, "PUT", { token: desk.supervisorToken, params: { id: desk.sms.id }, body: { userIds: "everyone" } });
    expect(bad.status).toBe(422);
  });

  it("an SMS number turned into a WhatsApp number loses its users", async () => {
    const desk = await numbersDesk();
    await desk.assign(desk.sms.id, [desk.ann.id]);
    const changed = await callRoute<NumberAnswer>(numberRoute.PUT, "PUT", {
      token: desk.supervisorToken,
      params: { id: desk.sms.id },
      body: { channel: "WHATSAPP", address: desk.sms.address, label: "Now WhatsApp", queueId: desk.queue.id },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.number).toMatchObject({ channel: "WHATSAPP", assignedUsers: [] });
    expect(await desk.assignedIds(desk.sms.id)).toEqual([]);
    expect(await desk.myNumbers(desk.ann.id)).toEqual([]);
  });
});
