import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, toErrorBody } from "./errors";

describe("error mapping", () => {
  it("maps an AppError to its status and a code + message body", () => {
    expect(toErrorBody(new AppError("CONFLICT", "Already picked by Alice"))).toEqual({
      status: 409,
      body: { error: { code: "CONFLICT", message: "Already picked by Alice" } },
    });
  });

  it("maps a zod error to 422 with the field paths", () => {
    const result = z.object({ body: z.string().min(1) }).safeParse({ body: "" });
    if (result.success) throw new Error("expected a failure");
    const { status, body } = toErrorBody(result.error);
    expect(status).toBe(422);
    expect(body.error.code).toBe("VALIDATION");
    expect(body.error.fields?.[0]?.path).toBe("body");
  });

  it("hides the details of unexpected errors", () => {
    const { status, body } = toErrorBody(new Error("connection string postgres://secret@db"));
    expect(status).toBe(500);
    expect(body.error.message).not.toContain("secret");
  });
});
