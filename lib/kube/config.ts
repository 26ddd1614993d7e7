// Builds the KubeConfig: in-cluster service account when running in a pod, otherwise
// KUBECONFIG (or ~/.kube/config). The same code runs against real clusters and the
// local stand-in; nothing here knows which one it is talking to.
import { KubeConfig } from "@kubernetes/client-node";

export function loadKubeConfig(env: Record<string, string | undefined> = process.env): KubeConfig {
  const config = new KubeConfig();
  if (env.KUBERNETES_SERVICE_HOST && !env.KUBECONFIG) config.loadFromCluster();
  else config.loadFromDefault();
  return config;
}
