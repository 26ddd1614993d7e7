// Usage over time: the reconciler's pass samples each workspace's kf-resource-quota status.used
// into a ring of fixed size, so the table never grows past slots × workspaces (THREATS 85).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { readClusterSnapshot } from "@/lib/kube/snapshot";
import { NotFoundError } from "@/lib/model/errors";
import { actor, approvedWorkspace, standIn } from "@/test/fixtures";
import { reconcileOnce } from "./reconciler";
import { getUsageHistory, recordUsageSamples, sampleSlot } from "./usage-samples";

const HOUR = 3_600_000;
const settings = { usageSampleMinutes: 60, usageSamplesKept: 3 };
const samplesOf = (workspaceId: string) => db.workspaceUsageSample.findMany({ where: { workspaceId }, orderBy: { sampledAt: "asc" } });

describe("usage sampling", () => {
  it("a reconciler pass records the workspace's status.used and hard from the cluster", async () => {
    const { id, name, ada } = await approvedWorkspace();
    await standIn.setQuotaUsed(name, { pods: "4", "requests.cpu": "1500m" });
    await reconcileOnce();
    const [sample] = await samplesOf(id);
    expect(sample?.used).toMatchObject({ pods: "4", "requests.cpu": "1500m" });
    expect(sample?.hard).toMatchObject({ pods: "10" });
    const history = await getUsageHistory(ada, { workspaceId: id });
    expect(history.samples.at(-1)?.used).toMatchObject({ pods: "4" });
  });

  it("keeps one sample per interval and at most N per workspace: older ones are overwritten, never more rows", async () => {
    const { id, name } = await approvedWorkspace();
    const start = new Date(Math.ceil(Date.now() / HOUR) * HOUR + 10 * HOUR);
    for (let hour = 0; hour < 7; hour++) {
      await standIn.setQuotaUsed(name, { pods: String(hour) });
      const snapshot = await readClusterSnapshot();
      const at = new Date(start.getTime() + hour * HOUR);
      await recordUsageSamples(snapshot, at, settings);
      // A second pass in the same interval changes nothing: the first sample of an interval stays.
      await standIn.setQuotaUsed(name, { pods: "99" });
      await recordUsageSamples(await readClusterSnapshot(), new Date(at.getTime() + 60_000), settings);
    }
    const rows = await samplesOf(id);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => (r.used as Record<string, string>).pods)).toEqual(["4", "5", "6"]);
    expect(new Set(rows.map((r) => r.slot)).size).toBe(3);
    expect(sampleSlot(new Date(start.getTime() + 6 * HOUR), settings).slot).toBe(rows.at(-1)?.slot);
  });

  it("shows only samples inside the retention window, to the owner and admins, and to no one else", async () => {
    const { id, name, ada, admin } = await approvedWorkspace();
    const old = new Date(Date.now() - 10 * HOUR);
    await standIn.setQuotaUsed(name, { pods: "2" });
    await recordUsageSamples(await readClusterSnapshot(), old, { usageSampleMinutes: 60, usageSamplesKept: 48 });
    const now = new Date();
    expect((await getUsageHistory(ada, { workspaceId: id }, { now, settings: { usageSampleMinutes: 60, usageSamplesKept: 48 } })).samples).toHaveLength(1);
    expect((await getUsageHistory(admin, { workspaceId: id }, { now, settings: { usageSampleMinutes: 60, usageSamplesKept: 5 } })).samples).toHaveLength(0);
    const eve = await actor(`eve.${name}@example.com`);
    await expect(getUsageHistory(eve, { workspaceId: id })).rejects.toBeInstanceOf(NotFoundError);
  });
});
