// Test helpers for integration tests: real users in the real database, and a way to
// steer the Kubernetes API stand-in through its control endpoints.
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import type { Ctx } from "@/lib/model/actor";
import type { Role } from "@/lib/model/roles";
import { db } from "@/lib/db/client";
import { standInFetch } from "../dev/kube-api/stand-in-fetch";

/** A signed-in person as the session gives them: verified email, roles and Dex groups (none unless told). */
export async function actor(email: string, roles: Role[] = ["requester"], groups: string[] = []): Promise<Ctx> {
  const subject = `sub-${email}`;
  const issuer = "http://localhost:5556/dex";
  const user = await db.user.upsert({
    where: { issuer_subject: { issuer, subject } },
    create: { issuer, subject, email, emailVerified: true, name: email.split("@")[0] ?? null, lastRoles: roles },
    update: {},
    select: { id: true },
  });
  return {
    actor: { userId: user.id, issuer, subject, email, name: email.split("@")[0] ?? null, roles, groups },
    meta: { requestId: randomUUID(), clientAddress: "127.0.0.1", userAgent: "vitest" },
  };
}

/** A workspace name no other test uses. */
export function uniqueName(prefix = "ws"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

async function control(method: string, path: string, body?: unknown): Promise<Response> {
  const stack = inject("stack");
  const response = await standInFetch({ url: stack.kubeUrl, caCertPem: stack.kubeCaCertPem }, `/_standin${path}`, {
    method,
    headers: { authorization: `Bearer ${stack.kubeControlToken}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`stand-in control ${method} ${path}: ${response.status}`);
  return response;
}

/**
 * A call as kubectl makes it, behind Berth's back: its own user agent, and whatever field manager,
 * patch type or apply the test names in the path and content type. Throws on a non-2xx answer.
 */
export async function kubectl(method: string, path: string, contentType: string, body?: unknown): Promise<Record<string, unknown>> {
  const stack = inject("stack");
  const response = await standInFetch({ url: stack.kubeUrl, caCertPem: stack.kubeCaCertPem }, path, {
    method,
    headers: { authorization: `Bearer ${stack.kubeToken}`, "content-type": contentType, "user-agent": "kubectl/v1.32.0 (linux/amd64)" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`kubectl ${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

export const standIn = {
  injectFault: (fault: {
    method?: string;
    pathPrefix?: string;
    count: number;
    status?: number;
    reason?: string;
    retryAfterSeconds?: number;
    delayMs?: number;
    mode?: "status" | "reset" | "hang";
    text?: string;
  }) => control("POST", "/faults", fault),
  clearFaults: () => control("DELETE", "/faults"),
  clearRequests: () => control("DELETE", "/requests"),
  requests: async () =>
    (await (await control("GET", "/requests")).json()) as { method: string; path: string; contentType?: string; status: number; connection: string }[],
  createNamespace: (name: string, owner?: string) => control("POST", "/namespaces", { name, owner }),
  setQuotaUsed: (namespace: string, used: Record<string, string>) =>
    control("PUT", `/namespaces/${namespace}/resourcequotas/kf-resource-quota/used`, used),
  /** Replaces what Berth's token may do (enforced); resetRules makes it cluster-admin again. */
  setRules: (rules: { verbs: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[]; nonResourceURLs?: string[] }[]) =>
    control("PUT", "/rbac/full", { rules }),
  resetRules: () => control("DELETE", "/rbac"),
  /** A dead profile controller (paused) or one that comes back (and reconciles every Profile). */
  setControllerPaused: (paused: boolean) => control("PUT", "/controller", { paused }),
  /** Deleted namespaces stay Terminating while held; released, they are purged after `delayMs`. */
  setNamespaceTermination: (options: { hold?: boolean; delayMs?: number }) => control("PUT", "/namespace-termination", options),
  setNodes: (nodes: { name: string; allocatable: Record<string, string>; unschedulable?: boolean }[]) => control("PUT", "/nodes", nodes),
};

/** Requests of one method to one Profile's path that the stand-in has served so far. */
export async function profileCalls(name: string, method: string): Promise<number> {
  return (await standIn.requests()).filter((r) => r.method === method && r.path.endsWith(`/profiles/${name}`)).length;
}

/** A request by a fresh requester, approved by a fresh admin: the common start of cluster tests. */
export async function approvedWorkspace(tier = "small-cpu") {
  const { requestWorkspace } = await import("@/lib/workspaces/request");
  const { approveWorkspace } = await import("@/lib/workspaces/decide");
  const name = uniqueName();
  const ada = await actor(`ada.${name}@example.com`);
  const admin = await actor(`grace.${name}@example.com`, ["requester", "admin"]);
  const { id } = await requestWorkspace(ada, { name, tier, reason: "cluster test" });
  const outcome = await approveWorkspace(admin, { workspaceId: id });
  await confirmByReconciler(name);
  return { id, name, ada, admin, outcome };
}

/**
 * What the reconciler does when a watch event (or an approval's notification) names a workspace:
 * a pass for just that one. An approval applies the Profile and leaves confirmation to it.
 */
export async function confirmByReconciler(...names: string[]) {
  const { reconcileOnce } = await import("@/lib/cluster/reconciler");
  return reconcileOnce({ names });
}

/** Applies of one Profile the stand-in has served so far. */
export async function profileApplies(name: string): Promise<number> {
  const log = await standIn.requests();
  return log.filter(
    (r) => r.method === "PATCH" && r.path.endsWith(`/profiles/${name}`) && r.contentType?.startsWith("application/apply-patch"),
  ).length;
}

/** A tier of its own for one test (unique slug), e.g. one needing two approvals. */
export async function testTier(
  options: {
    approvalsRequired?: number;
    lifetimeDays?: number | null;
    hard?: Record<string, string>;
    maxHard?: Record<string, string>;
    containerDefaults?: { defaultRequest: Record<string, string>; default: Record<string, string> };
    podSecurity?: "baseline" | "restricted" | "privileged";
    egressAllow?: { cidr: string; ports: { port: number; protocol: "TCP" | "UDP" | "SCTP" }[] }[];
  } = {},
): Promise<string> {
  const slug = `tier-${randomUUID().slice(0, 8)}`;
  await db.quotaTier.create({
    data: {
      slug,
      name: `Test ${slug}`,
      description: "A tier for one test.",
      hard: options.hard ?? { "requests.cpu": "4", "requests.memory": "8Gi", pods: "10" },
      maxHard: options.maxHard ?? { "requests.cpu": "8" },
      approvalsRequired: options.approvalsRequired ?? 1,
      lifetimeDays: options.lifetimeDays === undefined ? 30 : options.lifetimeDays,
      ...(options.containerDefaults ? { containerDefaults: options.containerDefaults } : {}),
      ...(options.podSecurity ? { podSecurity: options.podSecurity } : {}),
      ...(options.egressAllow ? { egressAllow: options.egressAllow } : {}),
    },
  });
  return slug;
}
