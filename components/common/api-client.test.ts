/**
 * The browser's API client against a real HTTP server: an answer is either
 * the server's JSON or an ApiError, never an empty success (the "To" search
 * once turned an abort during the body into null and crashed the console).
 */
import { describe, expect, it } from "vitest";
import { localServerForSuite } from "../../tests/support/local-server";
import { api, ApiError } from "./api-client";

const server = localServerForSuite((req, res) => {
  if (req.url === "/slow-body") {
    // Headers and half the body now, the rest never: the caller aborts in between.
    res.writeHead(200, { "Content-Type": "application/json" });
    res.write('{"colleagues":');
  } else if (req.url === "/not-json") {
    res.writeHead(200, { "Content-Type": "text/html" }).end("<html>proxy page</html>");
  } else if (req.url === "/refused") {
    res.writeHead(409, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { code: "ALREADY_CLAIMED", message: "Someone else picked it." } }));
  } else {
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ colleagues: [], contacts: [] }));
  }
});

async function failure(call: Promise<unknown>): Promise<ApiError> {
  const outcome = await call.then((value) => ({ value }), (error: unknown) => ({ error }));
  if (!("error" in outcome)) throw new Error(`expected an ApiError, got the answer ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(ApiError);
  return outcome.error as ApiError;
}

describe("api", () => {
  it("returns the server's JSON", async () => {
    await expect(api(`${server.url()}/ok`)).resolves.toEqual({ colleagues: [], contacts: [] });
  });

  it("rejects as cancelled when aborted while the body is still arriving", async () => {
    const controller = new AbortController();
    const call = api(`${server.url()}/slow-body`, { signal: controller.signal });
    // Long enough for the headers to have arrived, so the abort lands in the body read.
    setTimeout(() => controller.abort(), 200);
    expect((await failure(call)).code).toBe("ABORTED");
  });

  it("rejects a success whose body is not JSON instead of answering null", async () => {
    const error = await failure(api(`${server.url()}/not-json`));
    expect(error.code).toBe("BAD_RESPONSE");
    expect(error.message).toMatch(/could not be read/);
  });

  it("carries the server's error message and code", async () => {
    const error = await failure(api(`${server.url()}/refused`));
    expect([error.status, error.code, error.message]).toEqual([409, "ALREADY_CLAIMED", "Someone else picked it."]);
  });
});
