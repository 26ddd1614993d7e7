// Writes the tier's container defaults into a workspace's namespace by server-side apply,
// like the Profile: Berth's field manager, force, the full intent every time.
import "server-only";
import { PatchStrategy } from "@kubernetes/client-node";
import { FIELD_MANAGER } from "@/lib/config";
import { kubeCall } from "./call";
import { kubeClients } from "./client";
import type { LimitRangeManifest } from "./limit-range";

export async function applyLimitRange(manifest: LimitRangeManifest): Promise<{ auditId?: string }> {
  const { name, namespace } = manifest.metadata;
  const response = await kubeCall(
    (options) =>
      kubeClients().core.patchNamespacedLimitRangeWithHttpInfo(
        { name, namespace, body: manifest, fieldManager: FIELD_MANAGER, force: true },
        options,
      ),
    { headers: { "Content-Type": PatchStrategy.ServerSideApply } },
  );
  return { auditId: response.headers["audit-id"] };
}
