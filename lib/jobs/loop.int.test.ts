// The reconciler loop as the app runs it, with its informers: a contributor RoleBinding made
// behind Berth's back is found from its watch event, long before the next periodic pass.
import { KubeConfig, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { approvedWorkspace } from "@/test/fixtures";
import { startReconcilerLoop } from "./loop";

const saved = process.env.BERTH_RECONCILE_INTERVAL_MS;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
  if (saved === undefined) delete process.env.BERTH_RECONCILE_INTERVAL_MS;
  else process.env.BERTH_RECONCILE_INTERVAL_MS = saved;
});

async function until<T>(read: () => Promise<T | undefined | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the reconciler loop (THREATS 44, THREATS 116)", () => {
  it("finds a contributor RoleBinding made outside Berth from its watch event, not at the next periodic pass", async () => {
    const { name } = await approvedWorkspace();
    // No second periodic pass within the test: only a watch event can find what follows.
    process.env.BERTH_RECONCILE_INTERVAL_MS = "600000";
    const started = new Date();
    stop = startReconcilerLoop({ log: () => undefined });
    // The first pass (at once) has scanned the cluster, and its informers have listed.
    await until(async () => {
      const [scan] = await db.$queryRaw<{ observed_at: Date }[]>`SELECT observed_at FROM cluster_scans WHERE id = 1`;
      return scan && scan.observed_at >= started ? scan : undefined;
    }, 15_000);

    const config = new KubeConfig();
    config.loadFromFile(process.env.KUBECONFIG ?? "");
    const email = `mallory.${name}@example.com`;
    await config.makeApiClient(RbacAuthorizationV1Api).createNamespacedRoleBinding({
      namespace: name,
      body: {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: `user-mallory-${name}-clusterrole-edit`, annotations: { user: email, role: "edit" } },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "kubeflow-edit" },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: email }],
      },
    });
    const finding = await until(() => db.accessDrift.findFirst({ where: { namespace: name, subject: email, resolvedAt: null } }), 10_000);
    expect(finding).toMatchObject({ kind: "unmanaged", role: "edit" });
  });
});
