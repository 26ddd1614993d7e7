// Writes a kubeconfig for the stand-in (https with its self-signed certificate as the trusted CA,
// bearer token, context "berth-dev"), usable by @kubernetes/client-node's loadFromFile and by kubectl.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export const KUBECONFIG_CONTEXT = "berth-dev";

/** YAML double-quoted scalar; JSON string escaping is a valid subset of it. */
const q = (s: string): string => JSON.stringify(s);

export function kubeconfigYaml(server: string, caCertPem: string, token: string, user = "berth"): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    `- name: ${q(KUBECONFIG_CONTEXT)}`,
    "  cluster:",
    `    server: ${q(server)}`,
    // Verified TLS, as with a real cluster: client-go (kubectl) sends bearer tokens only over TLS.
    `    certificate-authority-data: ${q(Buffer.from(caCertPem).toString("base64"))}`,
    "contexts:",
    `- name: ${q(KUBECONFIG_CONTEXT)}`,
    "  context:",
    `    cluster: ${q(KUBECONFIG_CONTEXT)}`,
    `    user: ${q(user)}`,
    `current-context: ${q(KUBECONFIG_CONTEXT)}`,
    "preferences: {}",
    "users:",
    `- name: ${q(user)}`,
    "  user:",
    `    token: ${q(token)}`,
    "",
  ].join("\n");
}

/** Written atomically and readable only by the owner: it holds a full-rights token. */
export function writeKubeconfig(file: string, server: string, caCertPem: string, token: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, kubeconfigYaml(server, caCertPem, token), { mode: 0o600 });
  renameSync(tmp, file);
}
