import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("OpenAPI document", () => {
  it("describes the message body with the validation rules the handler enforces", () => {
    type Operation = { requestBody?: { content: { "application/json": { schema: { required?: string[]; properties?: Record<string, { maxLength?: number }> } } } } };
    const doc = openApiDocument();
    const post = doc.paths["/conversations/{id}/messages"].post as Operation;
    const schema = post.requestBody!.content["application/json"].schema;
    expect(schema.required).toEqual(expect.arrayContaining(["clientMessageId", "body"]));
    expect(schema.properties?.body?.maxLength).toBe(4000);
  });
});
