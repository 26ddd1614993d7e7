// A tier's container defaults reach the workspace's namespace as the LimitRange berth-defaults,
// so pods that declare no requests still start under the quota.
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { approveWorkspace } from "@/lib/workspaces/decide";
import { requestWorkspace } from "@/lib/workspaces/request";
import { actor, confirmByReconciler, testTier, uniqueName } from "@/test/fixtures";

function core(): CoreV1Api {
  const config = new KubeConfig();
  config.loadFromFile(process.env.KUBECONFIG ?? "");
  return config.makeApiClient(CoreV1Api);
}

describe("container defaults", () => {
  it("are applied as a LimitRange in the namespace when the workspace is provisioned", async () => {
    const defaults = { defaultRequest: { cpu: "100m", memory: "256Mi" }, default: { cpu: "1", memory: "1Gi" } };
    const tier = await testTier({ containerDefaults: defaults });
    const ada = await actor("ada.limits@example.com");
    const grace = await actor("grace.limits@example.com", ["requester", "admin"]);
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier, reason: "notebooks without requests" });
    expect((await approveWorkspace(grace, { workspaceId: id })).status).toBe("PROVISIONING");
    await confirmByReconciler(name);

    const limitRange = await core().readNamespacedLimitRange({ name: "berth-defaults", namespace: name });
    const [limits] = limitRange.spec?.limits ?? [];
    // The generated client names the `default` field `_default` (a reserved word in its generator).
    expect({ type: limits?.type, default: limits?._default, defaultRequest: limits?.defaultRequest }).toEqual({
      type: "Container",
      default: { cpu: "1", memory: "1Gi" },
      defaultRequest: { cpu: "100m", memory: "256Mi" },
    });
    expect(limitRange.metadata?.managedFields?.map((m) => m.manager)).toEqual(["berth"]);
  });

  it("a tier without defaults writes no LimitRange", async () => {
    const tier = await testTier();
    const ada = await actor("ada.nolimits@example.com");
    const grace = await actor("grace.nolimits@example.com", ["requester", "admin"]);
    const name = uniqueName();
    const { id } = await requestWorkspace(ada, { name, tier, reason: "r" });
    await approveWorkspace(grace, { workspaceId: id });
    await expect(core().readNamespacedLimitRange({ name: "berth-defaults", namespace: name })).rejects.toMatchObject({ code: 404 });
  });
});
