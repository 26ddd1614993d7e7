// Request rules beyond the walking skeleton: name prefix, look-alikes, per-user limits and
// the rate limit (THREATS 23), custom quotas (THREATS 19), text hygiene (THREATS 20), cancel and history.
import { describe, expect, it } from "vitest";
import { workflowConfigFromEnv, type WorkflowConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { ConflictError, LimitError, NotFoundError, ValidationError } from "@/lib/model/errors";
import { actor, testTier, uniqueName } from "@/test/fixtures";
import { cancelRequest } from "./cancel";
import { approveWorkspace, rejectWorkspace } from "./decide";
import { getMyRequestHistory } from "./history";
import { requestWorkspace } from "./request";
import { countRequestLimits, limitRefusal } from "./request-policy";
import { getMyRequestLimits } from "./queries";

const config = (overrides: Partial<WorkflowConfig> = {}): WorkflowConfig => ({ ...workflowConfigFromEnv({}), ...overrides });

describe("naming policy", () => {
  it("enforces a required prefix with its own message", async () => {
    const ada = await actor("ada.prefix@example.com");
    await expect(requestWorkspace(ada, { name: uniqueName("x"), tier: "small-cpu", reason: "r" }, { config: config({ requiredNamePrefix: "ds-" }) })).rejects.toMatchObject({
      fieldErrors: { name: ['Workspace names must start with "ds-" here.'] },
    });
    await expect(requestWorkspace(ada, { name: uniqueName("ds"), tier: "small-cpu", reason: "r" }, { config: config({ requiredNamePrefix: "ds-" }) })).resolves.toHaveProperty("id");
  });

  it("refuses a look-alike of an existing workspace, naming it (THREATS 17)", async () => {
    const ada = await actor("ada.alike@example.com");
    const bob = await actor("bob.alike@example.com");
    const base = uniqueName("team").replace(/[0135i]/g, "a");
    await requestWorkspace(ada, { name: `${base}-l`, tier: "small-cpu", reason: "r" });
    const alike = `${base}1`;
    await expect(requestWorkspace(bob, { name: alike, tier: "small-cpu", reason: "r" })).rejects.toMatchObject({
      fieldErrors: { name: [`"${alike}" looks too much like the existing workspace "${base}-l"; choose a clearly different name.`] },
    });
  });
});

describe("limits per user (THREATS 23)", () => {
  it("refuses a request beyond the open-request limit, says which limit, and audits the refusal", async () => {
    const ada = await actor("ada.openlimit@example.com");
    const c = config({ maxOpenRequests: 2 });
    await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "1" }, { config: c });
    await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "2" }, { config: c });
    const name = uniqueName();
    const attempt = requestWorkspace(ada, { name, tier: "small-cpu", reason: "3" }, { config: c });
    await expect(attempt).rejects.toBeInstanceOf(LimitError);
    await expect(attempt).rejects.toThrow("You already have 2 open requests, the most allowed (2). Cancel one or wait for a decision.");
    expect(await db.workspace.count({ where: { name } })).toBe(0);
    const refusal = await db.auditEvent.findFirst({ where: { action: "workspace.request_refused", targetName: name } });
    expect(refusal).toMatchObject({ result: "failure", errorCode: "limit", reason: expect.stringMatching(/open requests/) });
  });

  it("shows where one stands before the form is filled, with the refusal the next request would meet", async () => {
    const ada = await actor("ada.limitsshown@example.com");
    const c = config({ maxOpenRequests: 2 });
    await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "1" }, { config: c });
    const one = await getMyRequestLimits(ada, {});
    expect(one).toMatchObject({ openRequests: 1, workspaces: 0, lastHour: 1 });
    expect(limitRefusal({ ...one, maxOpenRequests: 2 })).toBeNull();
    await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "2" }, { config: c });
    const two = await countRequestLimits(db, ada.actor.userId, c, new Date());
    expect(two).toMatchObject({ openRequests: 2, maxOpenRequests: 2 });
    expect(limitRefusal(two)?.message).toBe("You already have 2 open requests, the most allowed (2). Cancel one or wait for a decision.");
  });

  it("refuses a request beyond the active-workspace limit with its own message", async () => {
    const ada = await actor("ada.activelimit@example.com");
    const grace = await actor("grace.activelimit@example.com", ["requester", "admin"]);
    const { id } = await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "1" });
    await approveWorkspace(grace, { workspaceId: id });
    await expect(requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "2" }, { config: config({ maxActiveWorkspaces: 1 }) })).rejects.toThrow(
      "You already have 1 workspaces, the most allowed per person (1).",
    );
  });

  it("rate-limits submissions, also when they arrive all at once: the queue is not flooded", async () => {
    const ada = await actor("ada.rate@example.com");
    const c = config({ requestRateLimit: 3, maxOpenRequests: 100 });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => requestWorkspace(ada, { name: uniqueName(`rate${i}`), tier: "small-cpu", reason: "flood" }, { config: c })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results) {
      if (r.status === "rejected") expect(r.reason).toMatchObject({ limit: "rate", message: "Too many requests: at most 3 per hour. Please try again later." });
    }
    expect(await db.workspace.count({ where: { requesterId: ada.actor.userId } })).toBe(3);
  });
});

describe("custom quota requests (THREATS 19)", () => {
  it("stores a different quota with its justification; without one it is refused", async () => {
    const ada = await actor("ada.custom@example.com");
    const base = { tier: "small-cpu", reason: "bigger" };
    await expect(requestWorkspace(ada, { ...base, name: uniqueName(), "quota.requests.cpu": "3" })).rejects.toMatchObject({
      fieldErrors: { justification: ["Explain why you need a different quota than the tier's."] },
    });
    const { id } = await requestWorkspace(ada, { ...base, name: uniqueName(), "quota.requests.cpu": "3", justification: "Parallel feature extraction." });
    const row = await db.workspace.findUniqueOrThrow({ where: { id } });
    expect(row.hard).toMatchObject({ "requests.cpu": "3", "limits.cpu": "4" });
    expect(row.customJustification).toBe("Parallel feature extraction.");
  });

  it.each([["-1"], ["NaN"], ["Infinity"], ["1e309"], ["10GB"], ["999999"]])("refuses the quantity %s", async (value) => {
    const ada = await actor("ada.badqty@example.com");
    const name = uniqueName();
    await expect(requestWorkspace(ada, { name, tier: "small-cpu", reason: "r", justification: "j", "quota.requests.cpu": value })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.workspace.count({ where: { name } })).toBe(0);
  });

  it("refuses GPUs on a tier without GPUs", async () => {
    const ada = await actor("ada.gpu@example.com");
    await expect(requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "r", justification: "j", "quota.requests.nvidia.com/gpu": "1" })).rejects.toMatchObject({
      fieldErrors: { "quota.requests.nvidia.com/gpu": ["GPUs: this tier has none; choose a tier that offers it."] },
    });
  });
});

describe("reasons are text (THREATS 20)", () => {
  it("stores HTML and javascript: links verbatim as text, and refuses control/bidi characters and oversized text", async () => {
    const ada = await actor("ada.text@example.com");
    const reason = `<script>alert(1)</script> see [x](javascript:alert(1))`;
    const { id } = await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason });
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).reason).toBe(reason);
    await expect(requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "a\u202eb" })).rejects.toMatchObject({
      fieldErrors: { reason: ["Reason contains control or text-direction characters."] },
    });
    await expect(requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "x".repeat(100_000) })).rejects.toMatchObject({
      fieldErrors: { reason: ["Reason must be at most 2000 characters."] },
    });
  });
});

describe("cancel and history", () => {
  it("the requester cancels their own pending request once; it leaves the queue and frees the name", async () => {
    const ada = await actor("ada.cancel@example.com");
    const grace = await actor("grace.cancel@example.com", ["requester", "admin"]);
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier: "small-cpu", reason: "r" });
    await cancelRequest(ada, { workspaceId: id });
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).status).toBe("CANCELLED");
    await expect(cancelRequest(ada, { workspaceId: id })).rejects.toBeInstanceOf(ConflictError);
    await expect(approveWorkspace(grace, { workspaceId: id })).rejects.toBeInstanceOf(ConflictError);
    await expect(requestWorkspace(ada, { name, tier: "small-cpu", reason: "again" })).resolves.toHaveProperty("id");
  });

  it("another user cancelling or reading the history of a request gets exactly not found (THREATS 3)", async () => {
    const ada = await actor("ada.other@example.com");
    const bob = await actor("bob.other@example.com");
    const { id } = await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "r" });
    await expect(cancelRequest(bob, { workspaceId: id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMyRequestHistory(bob, { workspaceId: id })).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
  });

  it("shows the requester every step of their request, and not other people's denials", async () => {
    const ada = await actor("ada.hist@example.com");
    const grace = await actor("grace.hist@example.com", ["requester", "admin"]);
    const mallory = await actor("mallory.hist@example.com");
    const { id } = await requestWorkspace(ada, { name: uniqueName(), tier: "small-cpu", reason: "r" });
    await approveWorkspace(mallory, { workspaceId: id }).catch(() => undefined);
    await rejectWorkspace(grace, { workspaceId: id, note: "Not now." });
    const history = await getMyRequestHistory(ada, { workspaceId: id });
    expect(history.map((h) => h.action)).toEqual(["workspace.requested", "workspace.rejected"]);
    expect(history[1]).toMatchObject({ by: "grace.hist@example.com", reason: "Not now." });
  });
});

describe("two-approval tiers on the request side", () => {
  it("a request on a two-approval tier stays pending after one approval", async () => {
    const ada = await actor("ada.twotier@example.com");
    const grace = await actor("grace.twotier@example.com", ["requester", "admin"]);
    const tier = await testTier({ approvalsRequired: 2 });
    const { id } = await requestWorkspace(ada, { name: uniqueName(), tier, reason: "r" });
    await expect(approveWorkspace(grace, { workspaceId: id })).resolves.toEqual({ status: "AWAITING_APPROVAL", approvals: 1, required: 2 });
    expect((await db.workspace.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
  });
});
