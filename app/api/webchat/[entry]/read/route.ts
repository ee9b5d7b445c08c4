import { NextResponse } from "next/server";
import { withCustomer } from "@/lib/http/with-customer";
import { parseJsonBody } from "@/lib/http/respond";
import { customerReadInputSchema, markReadByCustomer } from "@/lib/webchat/customer-session";

export const POST = withCustomer(async ({ req, claims }) => NextResponse.json(await markReadByCustomer(claims, await parseJsonBody(req, customerReadInputSchema))));
