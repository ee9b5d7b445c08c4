import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("OpenAPI document", () => {
  it("describes the message body with the validation rules the handler enforces", () => {
    type Operation = { requestBody?: { content: { "application/json": { schema: { required?: string[]; properties?: Record<string, { maxLength?: number; maxItems?: number }> } } } } };
    const doc = openApiDocument();
    const post = doc.paths["/conversations/{id}/messages"].post as Operation;
    const schema = post.requestBody!.content["application/json"].schema;
    // body is optional on the wire: a WhatsApp template or attached files may stand in for it (the handler refuses a message with none of them).
    expect(schema.required).toEqual(["clientMessageId"]);
    expect(schema.properties?.body?.maxLength).toBe(4000);
    expect(schema.properties?.attachmentIds?.maxItems).toBe(10);
  });
});
