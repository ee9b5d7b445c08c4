import { db } from "../db";
import { notFound } from "../errors";

/** A web-chat entry point by its public slug, with the company name shown to customers. */
export async function findWebchatEntry(slug: string) {
  const entry = await db.channelAddress.findUnique({
    where: { channel_address: { channel: "WEBCHAT", address: slug } },
    select: { id: true, address: true, label: true, companyId: true, queueId: true, company: { select: { name: true } } },
  });
  if (!entry) throw notFound("This chat address does not exist. Check the link you were given.");
  return entry;
}
