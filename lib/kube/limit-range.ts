// The LimitRange that gives containers without requests/limits the tier's defaults, so pods
// still start under the namespace's quota. Pure: tier defaults → manifest. The profile
// controller does not create one, so Berth applies it itself (server-side apply) after the
// Profile's namespace exists.
import type { ContainerDefaults } from "@/lib/tiers/container-defaults";
import { LABEL_MANAGED_BY } from "./profile";

export const LIMIT_RANGE_NAME = "berth-defaults";

export interface LimitRangeManifest {
  apiVersion: "v1";
  kind: "LimitRange";
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: { limits: { type: "Container"; default?: Record<string, string>; defaultRequest?: Record<string, string> }[] };
}

export function buildLimitRange(namespace: string, defaults: ContainerDefaults): LimitRangeManifest {
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
