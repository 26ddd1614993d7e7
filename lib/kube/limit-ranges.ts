// Writes the tier's container defaults into a workspace's namespace by server-side apply,
// like the Profile: Berth's field manager, force, the full intent every time.
import "server-only";
import { PatchStrategy } from "@kubernetes/client-node";
import { FIELD_MANAGER } from "@/lib/config";
import { callOptions, kubeClients } from "./client";
import { toKubeApiError } from "./errors";
import type { LimitRangeManifest } from "./limit-range";

export async function applyLimitRange(manifest: LimitRangeManifest): Promise<{ auditId?: string }> {
  try {
    const response = await kubeClients().core.patchNamespacedLimitRangeWithHttpInfo(
      {
        name: manifest.metadata.name,
        namespace: manifest.metadata.namespace,
        body: manifest,
        fieldManager: FIELD_MANAGER,
        force: true,
      },
      callOptions({ "Content-Type": PatchStrategy.ServerSideApply }),
    );
    return { auditId: response.headers["audit-id"] };
  } catch (error) {
    throw toKubeApiError(error);
  }
}
