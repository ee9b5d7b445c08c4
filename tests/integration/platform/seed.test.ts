import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seed } from "@/prisma/seed";
import { verifyCredentials } from "@/lib/auth/verify-credentials";

describe("demo seed", () => {
  it("creates Acme Support and Globex, and running it again changes nothing", async () => {
    await seed();
    const count = async () => ({
      users: await db.user.count({ where: { email: { endsWith: ".test" } } }),
      conversations: await db.conversation.count({ where: { company: { slug: "acme" } } }),
      notes: await db.note.count({ where: { conversation: { company: { slug: "acme" } } } }),
      addresses: await db.channelAddress.count({ where: { company: { slug: "acme" } } }),
    });
    const first = await count();
    await seed();
    expect(await count()).toEqual(first);

    const acme = await db.company.findUniqueOrThrow({ where: { slug: "acme" }, include: { users: true, queues: { include: { addresses: true } } } });
    expect(acme.name).toBe("Acme Support");
    expect(acme.users.map((u) => u.role).sort()).toEqual(["ADMIN", "AGENT", "AGENT", "AGENT", "SUPERVISOR"]);
    expect(acme.queues.map((q) => q.name).sort()).toEqual(["Sales", "Support"]);
    const channels = new Set(acme.queues.flatMap((q) => q.addresses.map((a) => a.channel)));
    expect(channels).toEqual(new Set(["SMS", "WHATSAPP", "WEBCHAT"]));
    expect(first.conversations).toBeGreaterThanOrEqual(3);
    expect(first.notes).toBeGreaterThanOrEqual(3);
    expect(await db.user.count({ where: { company: { slug: "globex" } } })).toBe(2);
    expect(await verifyCredentials({ email: "alice@acme.test", password: "parley-demo" })).not.toBeNull();
  });
});
