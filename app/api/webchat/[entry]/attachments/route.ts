import { NextResponse } from "next/server";
import { withCustomer } from "@/lib/http/with-customer";
import { uploadFromRequest } from "@/lib/http/upload-request";
import { uploadCustomerAttachment } from "@/lib/files/upload-customer-attachment";

export const POST = withCustomer(async ({ req, claims, entry }) =>
  NextResponse.json({ attachment: await uploadCustomerAttachment({ claims, entry, ...uploadFromRequest(req) }) }, { status: 201 }),
);
