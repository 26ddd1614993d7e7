// ConfigMap reads (read-only), for settings other components keep in one (the dashboard's flags).
import "server-only";
import { kubeCall } from "./call";
import { kubeClients } from "./client";

/** The ConfigMap's data, or null when it does not exist. */
export async function getConfigMapData(namespace: string, name: string): Promise<Record<string, string> | null> {
  const map = await kubeCall((options) => kubeClients().core.readNamespacedConfigMap({ name, namespace }, options), {
    notFound: () => null,
  });
  return map ? (map.data ?? {}) : null;
}
