import { z } from "zod";
import { NextResponse } from "next/server";
import { withCustomer } from "@/lib/http/with-customer";
import { parseQuery } from "@/lib/http/respond";
import { getCustomerChat } from "@/lib/webchat/customer-session";

const querySchema = z.object({ afterSeq: z.coerce.number().int().min(0).optional() });

export const GET = withCustomer(async ({ req, claims }) => {
  const { afterSeq } = parseQuery(req.url, querySchema);
  return NextResponse.json(await getCustomerChat(claims, afterSeq));
});
