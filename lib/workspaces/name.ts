// The workspace name becomes a Profile and a namespace, so it must be a DNS-1123 label
// (stricter than the Profile's own subdomain check) and must not shadow a system namespace.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_LENGTH = 63;

/** Namespaces that belong to Kubernetes, Kubeflow or the mesh; never handed to a user. */
const RESERVED_NAMES = new Set([
  "default",
  "kubeflow",
  "kubeflow-user-example-com",
  "istio-system",
  "istio-ingressgateway",
  "cert-manager",
  "auth",
  "dex",
  "oauth2-proxy",
  "knative-serving",
  "knative-eventing",
  "kserve",
  "berth",
]);
const RESERVED_PREFIXES = ["kube-", "kubeflow-system", "openshift", "istio-"];

export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

export function checkWorkspaceName(input: string): NameCheck {
  if (input.length === 0) return { ok: false, message: "Enter a workspace name." };
  if (input.length > MAX_LENGTH) {
    return { ok: false, message: `The name must be at most ${MAX_LENGTH} characters (it has ${input.length}).` };
  }
  // Checked before the pattern so look-alike letters get a message that says why.
  if (/[^\x20-\x7e]/.test(input)) {
    return { ok: false, message: "The name may only use plain ASCII: lower-case letters a–z, digits and '-'." };
  }
  if (/[A-Z]/.test(input)) return { ok: false, message: "The name must be lower case." };
  if (!DNS1123_LABEL.test(input)) {
    return {
      ok: false,
      message:
        "The name may contain only lower-case letters, digits and '-', and must start and end with a letter or digit (a DNS-1123 label).",
    };
  }
  if (RESERVED_NAMES.has(input) || RESERVED_PREFIXES.some((prefix) => input.startsWith(prefix))) {
    return { ok: false, message: `"${input}" is reserved for the cluster's own namespaces; choose another name.` };
  }
  return { ok: true, name: input };
}
