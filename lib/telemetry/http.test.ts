// A real HTTP server seen through the diagnostics channels: requests counted by pattern, and
// closing waits for the request in flight while refusing new connections.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { closeServers, observeHttpRequests, requestsInFlight } from "./http";
import { renderMetrics } from "./metrics";

describe("request observation and draining", () => {
  it("counts answered requests by route pattern and lets the one in flight finish on close", async () => {
    observeHttpRequests();
    let release: () => void = () => {};
    const server = http.createServer((request, response) => {
      if (request.url === "/workspaces/slow-one") {
        release = () => response.end("done");
        return;
      }
      response.statusCode = 404;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    await (await fetch(`${base}/wp-login.php`)).arrayBuffer();
    const slow = fetch(`${base}/workspaces/slow-one`, { headers: { connection: "close" } }).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(requestsInFlight()).toBe(1);

    const closed = closeServers();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${base}/workspaces/another`)).rejects.toThrow();
    release();
    expect(await slow).toBe("done");
    await closed;
    expect(requestsInFlight()).toBe(0);

    const { body } = await renderMetrics();
    expect(body).toMatch(/^berth_http_requests_total\{route="other",method="GET",status="404"\} 1$/m);
    expect(body).toMatch(/^berth_http_requests_total\{route="\/workspaces\/\[id\]",method="GET",status="200"\} 1$/m);
  });
});
