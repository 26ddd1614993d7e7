// Readiness against the real database and the API stand-in.
import { afterEach, describe, expect, it } from "vitest";
import { standIn } from "@/test/fixtures";
import { GET as readyz } from "./route";

afterEach(() => standIn.clearFaults());

describe("/api/readyz", () => {
  it("says the watches are on standby in a process that does not reconcile", async () => {
    expect(((await (await readyz()).json()) as { checks: Record<string, string> }).checks.watches).toBe("ok (standby)");
  });

  it("answers 200 when the database and the API server answer, 503 naming the cluster when it does not", async () => {
    expect((await readyz()).status).toBe(200);
    await standIn.injectFault({ method: "GET", count: 1, status: 403 });
    const response = await readyz();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable", checks: { database: "ok", databaseRole: "ok", cluster: "forbidden", watches: "ok (standby)" } });
  });
});
