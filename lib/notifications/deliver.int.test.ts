// Webhook delivery from the outbox to a local receiver (127.0.0.1 only): retries with
// backoff, gives up after MAX_ATTEMPTS, and shows failures to admins without the URL.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/model/errors";
import { actor, uniqueName } from "@/test/fixtures";
import { requestWorkspace } from "@/lib/workspaces/request";
import { deliverPendingNotifications, MAX_ATTEMPTS } from "./deliver";
import { listNotificationProblems } from "./queries";

let server: Server;
let url: string;
let status = 200;
const received: { text: string; berth: { event: string; workspace: { id: string; name: string } } }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      if (status === 200) received.push(JSON.parse(body) as (typeof received)[number]);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=secret-token`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const rowFor = (id: string) => db.notification.findFirstOrThrow({ where: { payload: { path: ["berth", "workspace", "id"], equals: id } } });

describe("webhook delivery", () => {
  it("a new request is notified without calling the webhook during the request; delivery retries with backoff until it succeeds", async () => {
    const ada = await actor("ada.hook@example.com");
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "r" });
    expect(received).toHaveLength(0);
    expect((await rowFor(id)).status).toBe("PENDING");

    status = 500;
    const t0 = new Date(Date.now() + 1000);
    await deliverPendingNotifications({ url, now: t0, batch: 10_000 });
    let row = await rowFor(id);
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, lastError: "The webhook answered HTTP 500." });
    expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + 60_000);

    status = 200;
    await deliverPendingNotifications({ url, now: new Date(t0.getTime() + 30_000), batch: 10_000 });
    expect((await rowFor(id)).attempts).toBe(1);
    await deliverPendingNotifications({ url, now: new Date(t0.getTime() + 61_000), batch: 10_000 });
    row = await rowFor(id);
    expect(row).toMatchObject({ status: "DELIVERED", attempts: 2, lastError: null });
    const message = received.find((m) => m.berth.workspace.id === id);
    expect(message?.text).toBe(`New workspace request: ${name} (Small (CPU)) by ada.hook@example.com.`);
    expect(message?.berth.event).toBe("request.created");
  });

  it("gives up after the last attempt and shows the failure to admins, never the URL; others cannot see it", async () => {
    const ada = await actor("ada.hookfail@example.com");
    const grace = await actor("grace.hookfail@example.com", ["requester", "admin"]);
    const { id } = await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "r" });
    status = 503;
    let now = Date.now() + 1000;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await deliverPendingNotifications({ url, now: new Date(now), batch: 10_000 });
      now += 2 * 60 * 60 * 1000;
    }
    const row = await rowFor(id);
    expect(row).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS });
    const problems = await listNotificationProblems(grace, {});
    const shown = problems.find((p) => p.id === row.id);
    expect(shown).toMatchObject({ status: "FAILED", lastError: "The webhook answered HTTP 503." });
    expect(JSON.stringify(problems)).not.toContain("secret-token");
    await expect(listNotificationProblems(ada, {})).rejects.toBeInstanceOf(ForbiddenError);
    status = 200;
  });

  it("an unreachable receiver is a retry, not an error for anyone", async () => {
    const ada = await actor("ada.hookdown@example.com");
    const { id } = await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "r" });
    const report = await deliverPendingNotifications({ url: "http://127.0.0.1:9/hook", now: new Date(Date.now() + 1000), batch: 10_000 });
    expect(report.retrying).toBeGreaterThan(0);
    expect((await rowFor(id)).lastError).toMatch(/^The webhook could not be reached/);
  });

  it("does nothing without a configured URL", async () => {
    expect(await deliverPendingNotifications({ url: "" })).toEqual({ delivered: 0, retrying: 0, failed: 0 });
  });
});
