import { describe, expect, it } from "vitest";
import { provisioningProgress } from "./provisioning-progress";

const states = (status: Parameters<typeof provisioningProgress>[0], step: string | null) =>
  provisioningProgress(status, step)?.map((s) => `${s.name}:${s.state}`);

describe("provisioning progress", () => {
  it("starts at the Profile once approved", () => {
    expect(states("PROVISIONING", null)).toEqual(["Approved:done", "Profile applied:current", "Namespace created:todo", "Quota in place:todo", "Active:todo"]);
  });

  it("follows the reconciler's waiting step: namespace, then quota", () => {
    expect(states("PROVISIONING", "waiting for the namespace")?.slice(1, 3)).toEqual(["Profile applied:done", "Namespace created:current"]);
    expect(states("PROVISIONING", "waiting for kf-resource-quota")?.slice(2, 4)).toEqual(["Namespace created:done", "Quota in place:current"]);
    expect(states("PROVISIONING", "waiting for kf-resource-quota to match the quota")?.[3]).toBe("Quota in place:current");
  });

  it("is all done when active, and absent for states that are not on the way in", () => {
    expect(provisioningProgress("ACTIVE", null)?.every((s) => s.state === "done")).toBe(true);
    expect(provisioningProgress("PENDING", null)).toBeNull();
    expect(provisioningProgress("SUSPENDED", null)).toBeNull();
    expect(provisioningProgress("FAILED", "waiting for the namespace")).toBeNull();
  });
});
