// Deployment reads (read-only): the central dashboard's, whose environment says whether its
// self-registration flow is on.
import "server-only";
import { kubeCall } from "./call";
import { kubeClients } from "./client";

export interface EnvSource {
  name: string;
  value?: string;
  /** The variable comes from a ConfigMap key. */
  configMapKey?: { name: string; key: string };
}

export interface DeploymentEnv {
  /** Every container's `env`, in order. */
  env: EnvSource[];
  /** ConfigMaps whose keys all become variables (`envFrom`). */
  envFromConfigMaps: string[];
}

/** The Deployment's container environment, or null when there is no such Deployment. */
export async function getDeploymentEnv(namespace: string, name: string): Promise<DeploymentEnv | null> {
  const deployment = await kubeCall((options) => kubeClients().apps.readNamespacedDeployment({ name, namespace }, options), {
    notFound: () => null,
  });
  if (!deployment) return null;
  const containers = deployment.spec?.template.spec?.containers ?? [];
  return {
    env: containers.flatMap((c) =>
      (c.env ?? []).map((e) => {
        const ref = e.valueFrom?.configMapKeyRef;
        return { name: e.name, value: e.value, configMapKey: ref ? { name: ref.name ?? "", key: ref.key } : undefined };
      }),
    ),
    envFromConfigMaps: containers.flatMap((c) => (c.envFrom ?? []).flatMap((f) => (f.configMapRef?.name ? [f.configMapRef.name] : []))),
  };
}
