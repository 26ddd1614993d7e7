// The LimitRange berth-defaults, which gives containers without requests/limits the tier's
// defaults so pods still start under the namespace's quota. The profile controller creates none,
// so Berth applies it itself (server-side apply, like the Profile) once the namespace exists.
import "server-only";
import { PatchStrategy } from "@kubernetes/client-node";
import { FIELD_MANAGER } from "@/lib/config";
import { kubeCall } from "./call";
import { kubeClients } from "./client";
import { listAll } from "./paging";
import { LABEL_MANAGED_BY } from "./profiles";

export const LIMIT_RANGE_NAME = "berth-defaults";

/** Container defaults by resource (a tier's, in practice); declared here so lib/kube needs no domain type. */
export interface LimitRangeDefaults {
  defaultRequest: { cpu?: string; memory?: string };
  default: { cpu?: string; memory?: string };
}

export interface LimitRangeManifest {
  apiVersion: "v1";
  kind: "LimitRange";
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: { limits: { type: "Container"; default?: Record<string, string>; defaultRequest?: Record<string, string> }[] };
}

/** Pure: defaults → manifest; a section with no values is left out. */
export function buildLimitRange(namespace: string, defaults: LimitRangeDefaults): LimitRangeManifest {
  const limit: LimitRangeManifest["spec"]["limits"][number] = { type: "Container" };
  if (Object.keys(defaults.default).length > 0) limit.default = { ...defaults.default } as Record<string, string>;
  if (Object.keys(defaults.defaultRequest).length > 0) limit.defaultRequest = { ...defaults.defaultRequest } as Record<string, string>;
  return {
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: { name: LIMIT_RANGE_NAME, namespace, labels: { [LABEL_MANAGED_BY]: "berth" } },
    spec: { limits: [limit] },
  };
}

/** Writes the full intent every time, with Berth's field manager and force. */
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

export interface ClusterLimitRange {
  namespace: string;
  /** The Container entry's values as stored (quantities in the server's canonical form). */
  default: Record<string, string>;
  defaultRequest: Record<string, string>;
}

/** Every namespace's berth-defaults, in one paged LIST. */
export async function listBerthLimitRanges(): Promise<ClusterLimitRange[]> {
  return listAll(async (paging, options) => {
    const list = await kubeClients().core.listLimitRangeForAllNamespaces(
      { fieldSelector: `metadata.name=${LIMIT_RANGE_NAME}`, ...paging },
      options,
    );
    return {
      items: list.items.map((lr) => {
        const container = lr.spec?.limits?.find((l) => l.type === "Container");
        // The generated client names the `default` field `_default` (a reserved word in its generator).
        return { namespace: lr.metadata?.namespace ?? "", default: container?._default ?? {}, defaultRequest: container?.defaultRequest ?? {} };
      }),
      next: list.metadata?._continue,
    };
  });
}
