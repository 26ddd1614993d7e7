// Tier management against the real database: validation, retirement, audit before/after,
// and two admins editing at once (THREATS 26).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/model/errors";
import { actor, uniqueName } from "@/test/fixtures";
import { requestWorkspace } from "@/lib/workspaces/request";
import { createTier, retireTier, updateTier } from "./admin";
import { getTier, listOfferedTiers } from "./queries";

function tierForm(slug: string, extra: Record<string, string> = {}) {
  return {
    slug,
    name: `Tier ${slug}`,
    description: "For tests.",
    approvalsRequired: "1",
    lifetimeDays: "30",
    "quota.requests.cpu": "4",
    "quota.requests.memory": "8Gi",
    "quota.pods": "10",
    defaultCpuRequest: "100m",
    defaultCpuLimit: "1",
    defaultMemoryRequest: "256Mi",
    defaultMemoryLimit: "1Gi",
    ...extra,
  };
}
const slug = () => `t-${randomUUID().slice(0, 8)}`;

describe("tier management", () => {
  it("creates a tier with quota, maximums and container defaults, audited with its values", async () => {
    const grace = await actor("grace.tier@example.com", ["requester", "admin"]);
    const s = slug();
    await createTier(grace, tierForm(s, { "max.requests.cpu": "8", approvalsRequired: "2" }));
    const tier = await getTier(grace, { slug: s });
    expect(tier).toMatchObject({
      hard: { "requests.cpu": "4", "requests.memory": "8Gi", pods: "10" },
      maxHard: { "requests.cpu": "8", "requests.memory": "8Gi", pods: "10" },
      approvalsRequired: 2,
      lifetimeDays: 30,
      containerDefaults: { defaultRequest: { cpu: "100m", memory: "256Mi" }, default: { cpu: "1", memory: "1Gi" } },
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "tier.created", targetName: s } });
    expect(event.after).toMatchObject({ slug: s, hard: { "requests.cpu": "4" } });
  });

  it.each([
    ["-1", /not a Kubernetes quantity/],
    ["NaN", /not a Kubernetes quantity/],
    ["Infinity", /not a Kubernetes quantity/],
    ["1e309", /too large|above the cap/],
    ["10GB", /not a Kubernetes quantity/],
    ["100000", /above the cap/],
  ])("refuses the quantity %s with a message on its field (THREATS 19)", async (value, message) => {
    const grace = await actor("grace.tierbad@example.com", ["requester", "admin"]);
    const s = slug();
    await expect(createTier(grace, tierForm(s, { "quota.requests.cpu": value }))).rejects.toMatchObject({
      fieldErrors: { "quota.requests.cpu": [expect.stringMatching(message)] },
    });
    expect(await db.quotaTier.count({ where: { slug: s } })).toBe(0);
  });

  it("refuses an empty quota, a maximum below the value, and missing or oversized container defaults", async () => {
    const grace = await actor("grace.tierrules@example.com", ["requester", "admin"]);
    const empty = Object.fromEntries(Object.entries(tierForm(slug())).filter(([k]) => !k.startsWith("quota.")));
    await expect(createTier(grace, empty)).rejects.toMatchObject({ fieldErrors: { quota: ["A tier needs at least one quota limit."] } });
    await expect(createTier(grace, tierForm(slug(), { "max.requests.cpu": "2" }))).rejects.toMatchObject({
      fieldErrors: { "max.requests.cpu": [expect.stringMatching(/at least the tier's value/)] },
    });
    await expect(createTier(grace, tierForm(slug(), { defaultCpuRequest: "" }))).rejects.toMatchObject({
      fieldErrors: { defaultCpuRequest: [expect.stringMatching(/required/)] },
    });
    await expect(createTier(grace, tierForm(slug(), { defaultMemoryRequest: "16Gi", defaultMemoryLimit: "32Gi" }))).rejects.toMatchObject({
      fieldErrors: { defaultMemoryRequest: [expect.stringMatching(/more than the tier's whole quota/)] },
    });
  });

  it("reports every bad field of one submit at once, the name and description with the quantities and defaults", async () => {
    const grace = await actor("grace.tierall@example.com", ["requester", "admin"]);
    const s = slug();
    const error = await createTier(grace, tierForm(s, { name: "", description: "", approvalsRequired: "3", lifetimeDays: "0", "quota.pods": "lots", defaultCpuRequest: "" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(
      ["approvalsRequired", "defaultCpuRequest", "description", "lifetimeDays", "name", "quota.pods"].sort(),
    );
    expect(await db.quotaTier.count({ where: { slug: s } })).toBe(0);
  });

  it("a tier seeded without container defaults can have its description changed without inventing them", async () => {
    const grace = await actor("grace.tierseed@example.com", ["requester", "admin"]);
    const s = slug();
    // As prisma/migrations/0002_default_tiers writes the built-in tiers: CPU and memory quota, no defaults.
    await db.quotaTier.create({ data: { slug: s, name: "Seeded", description: "Old.", hard: { "requests.cpu": "2", "requests.memory": "8Gi" }, approvalsRequired: 1 } });
    const form = { slug: s, version: "1", name: "Seeded", description: "New words.", approvalsRequired: "1", "quota.requests.cpu": "2", "quota.requests.memory": "8Gi" };
    await updateTier(grace, form);
    expect(await getTier(grace, { slug: s })).toMatchObject({ description: "New words.", containerDefaults: null, version: 2 });
    // An edit that newly limits CPU still needs the CPU defaults, or its pods would not start.
    const p = slug();
    await db.quotaTier.create({ data: { slug: p, name: "Pods only", description: "Old.", hard: { pods: "10" }, approvalsRequired: 1 } });
    await expect(updateTier(grace, { slug: p, version: "1", name: "Pods only", description: "Old.", approvalsRequired: "1", "quota.pods": "10", "quota.requests.cpu": "2" })).rejects.toMatchObject({
      fieldErrors: { defaultCpuRequest: [expect.stringMatching(/required/)], defaultCpuLimit: [expect.stringMatching(/required/)] },
    });
  });

  it("refuses fields a tier form does not have (THREATS 4)", async () => {
    const grace = await actor("grace.tierextra@example.com", ["requester", "admin"]);
    await expect(createTier(grace, { ...tierForm(slug()), "quota.count/secrets": "5" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("edits record before and after; a retired tier is not offered but its workspaces keep their quota", async () => {
    const grace = await actor("grace.tieredit@example.com", ["requester", "admin"]);
    const ada = await actor("ada.tieredit@example.com");
    const s = slug();
    await createTier(grace, tierForm(s));
    const { id } = await requestWorkspace(ada, { name: uniqueName(), tier: s, reason: "x" });
    await updateTier(grace, { ...tierForm(s, { "quota.requests.cpu": "3" }), version: "1" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "tier.updated", targetName: s } });
    expect(event.before).toMatchObject({ hard: { "requests.cpu": "4" }, version: 1 });
    expect(event.after).toMatchObject({ hard: { "requests.cpu": "3" }, version: 2 });

    await retireTier(grace, { slug: s, version: "2" });
    expect((await listOfferedTiers(ada, {})).map((t) => t.slug)).not.toContain(s);
    await expect(requestWorkspace(ada, { name: uniqueName(), tier: s, reason: "x" })).rejects.toMatchObject({
      fieldErrors: { tier: ["Choose one of the offered tiers."] },
    });
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).hard).toMatchObject({ "requests.cpu": "4" });
    expect(await db.auditEvent.count({ where: { action: "tier.retired", targetName: s } })).toBe(1);
  });

  it("two admins saving the same tier at once: one wins, the other gets a conflict, no lost update (THREATS 26)", async () => {
    const grace = await actor("grace.tierrace@example.com", ["requester", "admin"]);
    const katherine = await actor("katherine.tierrace@example.com", ["requester", "admin"]);
    const s = slug();
    await createTier(grace, tierForm(s));
    const results = await Promise.allSettled([
      updateTier(grace, { ...tierForm(s, { "quota.pods": "20" }), version: "1" }),
      updateTier(katherine, { ...tierForm(s, { "quota.pods": "30" }), version: "1" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected");
    expect(failed?.status === "rejected" && failed.reason).toBeInstanceOf(ConflictError);
    const tier = await getTier(grace, { slug: s });
    expect(tier.version).toBe(2);
    expect(await db.auditEvent.count({ where: { action: "tier.updated", targetName: s } })).toBe(1);
  });

  it.each([
    ["a requester", ["requester"] as const],
    ["an auditor", ["requester", "auditor"] as const],
  ])("refuses %s creating, editing or retiring tiers; audited (THREATS 2, 6)", async (_who, roles) => {
    const intruder = await actor(`intruder-tier-${roles.length}@example.com`, [...roles]);
    const s = slug();
    await expect(createTier(intruder, tierForm(s))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateTier(intruder, { ...tierForm("small-cpu"), version: "1" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(retireTier(intruder, { slug: "small-cpu", version: "1" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.quotaTier.count({ where: { slug: s } })).toBe(0);
    expect((await db.quotaTier.findUniqueOrThrow({ where: { slug: "small-cpu" } })).retiredAt).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "auth.denied", actorEmail: intruder.actor.email, reason: { contains: "tier" } } })).toBeGreaterThanOrEqual(3);
  });
});
