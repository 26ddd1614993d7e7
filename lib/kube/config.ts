// Builds the KubeConfig: in-cluster service account when running in a pod, otherwise
// KUBECONFIG (or ~/.kube/config). The same code runs against real clusters and the
// local stand-in; nothing here knows which one it is talking to.
import { KubeConfig } from "@kubernetes/client-node";
import { kubeSettings } from "@/lib/config";

export function loadKubeConfig(): KubeConfig {
  const config = new KubeConfig();
  if (kubeSettings().inCluster) config.loadFromCluster();
  else config.loadFromDefault();
  return config;
}
