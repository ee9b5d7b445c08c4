import { withAuth, json } from "@/lib/http/with-auth";
import { parseQuery } from "@/lib/http/respond";
import { addressBookQuerySchema, getAddressBook } from "@/lib/contacts/address-book";

export const GET = withAuth(async ({ req, principal }) => json(await getAddressBook({ principal, query: parseQuery(req.url, addressBookQuerySchema) })));
