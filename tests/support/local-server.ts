/** A test's own HTTP server on a free local port, started before its suite and closed after it. */
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

/** Serves `listener` for the suite; `url()` is its base URL (http://127.0.0.1:<port>) once the suite has started. */
export function localServerForSuite(listener: RequestListener): { url: () => string } {
  const server = createServer(listener);
  let base = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Kept-alive connections from the code under test would hold the close open.
    server.closeAllConnections();
  }));
  return { url: () => base };
}
