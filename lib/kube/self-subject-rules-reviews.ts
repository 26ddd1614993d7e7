// SelfSubjectRulesReview: what the API server says Berth's own credentials may do in a namespace,
// for the posture check that compares it with the ClusterRole Berth ships.
import "server-only";
import { kubeCall } from "./call";
import { kubeClients } from "./client";

export interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
}

export interface RulesReview {
  resourceRules: ResourceRule[];
  nonResourceRules: { verbs: string[]; nonResourceURLs: string[] }[];
  /** The server could not list every rule (e.g. a webhook authorizer): the answer is a lower bound. */
  incomplete: boolean;
}

export async function reviewOwnRules(namespace: string): Promise<RulesReview> {
  const review = await kubeCall((options) =>
    kubeClients().authorization.createSelfSubjectRulesReview(
      { body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectRulesReview", spec: { namespace } } },
      options,
    ),
  );
  const status = review.status;
  return {
    resourceRules: (status?.resourceRules ?? []).map((r) => ({
      verbs: r.verbs ?? [],
      apiGroups: r.apiGroups ?? [],
      resources: r.resources ?? [],
      resourceNames: r.resourceNames ?? [],
    })),
    nonResourceRules: (status?.nonResourceRules ?? []).map((r) => ({ verbs: r.verbs ?? [], nonResourceURLs: r.nonResourceURLs ?? [] })),
    incomplete: status?.incomplete === true,
  };
}
