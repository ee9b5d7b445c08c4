import { NextResponse } from "next/server";
import { withCustomer } from "@/lib/http/with-customer";
import { parseJsonBody } from "@/lib/http/respond";
import { customerMessageInputSchema, sendCustomerMessage } from "@/lib/webchat/customer-session";

export const POST = withCustomer(async ({ req, claims }) => {
  const input = await parseJsonBody(req, customerMessageInputSchema);
  return NextResponse.json(await sendCustomerMessage(claims, input), { status: 201 });
});
