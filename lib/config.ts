// Every setting Berth reads from its environment, parsed and checked here and nowhere else
// (lint refuses `process.env` in any other product file). A bad value is an error naming the
// variable, never a silent NaN; `checkSettingsAtStart` turns it into one line and a stop.
import type { RoleGroups } from "@/lib/model/roles";

export type Env = Record<string, string | undefined>;

/** A setting that is missing or cannot be used; the message names the variable. */
export class SettingsError extends Error {
  override readonly name = "SettingsError";
}

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function required(env: Env, name: string, hint: string): string {
  const value = text(env, name);
  if (value === undefined) throw new SettingsError(`${name} is not set: ${hint}`);
  return value;
}

function wholeNumber(env: Env, name: string, fallback: number, { min = 0 }: { min?: number } = {}): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < min) {
    throw new SettingsError(`${name} must be a whole number ≥ ${min}, got "${value}"`);
  }
  return parsed;
}

function list(env: Env, name: string, fallback: string[]): string[] {
  const value = env[name];
  if (value === undefined) return fallback;
  return value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

function onOff(env: Env, name: string, fallback: boolean): boolean {
  const value = text(env, name);
  if (value === undefined) return fallback;
  if (value === "1" || value === "true") return true;
  if (value === "0" || value === "false") return false;
  throw new SettingsError(`${name} must be 0 or 1, got "${value}"`);
}

function url(env: Env, name: string, value: string): string {
  try {
    new URL(value);
    return value;
  } catch {
    throw new SettingsError(`${name} must be a URL, got "${value.slice(0, 80)}"`);
  }
}

/** The server-side-apply field manager: stable, so Berth's ownership of Profile fields is stable. */
export const FIELD_MANAGER = "berth";

export function roleGroupsFromEnv(env: Env = process.env): RoleGroups {
  return {
    adminGroups: list(env, "BERTH_ADMIN_GROUPS", ["kubeflow-admins"]),
    auditorGroups: list(env, "BERTH_AUDITOR_GROUPS", ["kubeflow-auditors"]),
  };
}

export interface IdentitySettings {
  /** Exactly as Dex's `issuer`: no trailing slash is added or removed. */
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** With AUTH_URL set, Auth.js takes the host from it rather than from request headers. */
  trustHost: boolean;
  sessionMaxAgeSeconds: number;
  /** How long admin/auditor rights read from Dex groups are trusted (THREATS 8). */
  roleTtlSeconds: number;
}

export const DEFAULT_ROLE_TTL_SECONDS = 600;

export function identitySettings(env: Env = process.env): IdentitySettings {
  return {
    issuer: url(env, "AUTH_DEX_ISSUER", required(env, "AUTH_DEX_ISSUER", "set it to Dex's issuer URL")),
    clientId: required(env, "AUTH_DEX_ID", "set it to Berth's client id in Dex"),
    clientSecret: text(env, "AUTH_DEX_SECRET"),
    trustHost: onOff(env, "AUTH_TRUST_HOST", false) || text(env, "AUTH_URL") !== undefined,
    sessionMaxAgeSeconds: wholeNumber(env, "BERTH_SESSION_MAX_AGE", 8 * 60 * 60, { min: 60 }),
    roleTtlSeconds: roleTtlSeconds(env),
  };
}

export function roleTtlSeconds(env: Env = process.env): number {
  return wholeNumber(env, "BERTH_ROLE_TTL_SECONDS", DEFAULT_ROLE_TTL_SECONDS, { min: 1 });
}

export interface DatabaseSettings {
  url: string;
  /** The schema owner's connection, for migrations only. */
  migrationUrl: string;
  poolSize: number;
  /** Serve although the app's role could rewrite the audit trail (`/api/readyz` still says so; admins see a banner). */
  allowUnsafeRole: boolean;
}

export function databaseSettings(env: Env = process.env): DatabaseSettings {
  const appUrl = required(env, "DATABASE_URL", "set it to the PostgreSQL connection string of Berth's own role");
  return {
    url: appUrl,
    migrationUrl: text(env, "DATABASE_MIGRATION_URL") ?? appUrl,
    poolSize: wholeNumber(env, "DATABASE_POOL_SIZE", 10, { min: 1 }),
    allowUnsafeRole: onOff(env, "BERTH_ALLOW_UNSAFE_DB_ROLE", false),
  };
}

/** For `npm run db:migrate`, which may run with only the schema owner's connection. */
export function migrationSettings(env: Env = process.env): { url: string; appUrl: string | undefined; migrationUrlSet: boolean } {
  const appUrl = text(env, "DATABASE_URL");
  const migrationUrl = text(env, "DATABASE_MIGRATION_URL");
  const url = migrationUrl ?? appUrl;
  if (!url) throw new SettingsError("DATABASE_MIGRATION_URL is not set: set it (or DATABASE_URL) to the database to migrate");
  return { url, appUrl, migrationUrlSet: migrationUrl !== undefined };
}

export interface KubeSettings {
  /** Upper bound of every API call: the client has no timeout of its own. */
  timeoutMs: number;
  /** A pod's own service account, unless KUBECONFIG says otherwise. */
  inCluster: boolean;
}

export function kubeSettings(env: Env = process.env): KubeSettings {
  return {
    timeoutMs: wholeNumber(env, "BERTH_KUBE_TIMEOUT_MS", 10_000, { min: 1 }),
    inCluster: Boolean(text(env, "KUBERNETES_SERVICE_HOST")) && !text(env, "KUBECONFIG"),
  };
}

export interface ReconcilerSettings {
  /** Off: this process never reconciles (tests, benchmarks, or `npm run reconcile --watch` elsewhere). */
  enabled: boolean;
  intervalMs: number;
  retryBaseMs: number;
  retryCapMs: number;
  /** How long one process holds a workspace while applying it. */
  applyLeaseMs: number;
  /** How long Berth waits for the profile controller to act on an apply before telling admins. */
  provisionDeadlineMs: number;
}

export function reconcilerSettings(env: Env = process.env): ReconcilerSettings {
  return {
    enabled: onOff(env, "BERTH_RECONCILER", true),
    intervalMs: wholeNumber(env, "BERTH_RECONCILE_INTERVAL_MS", 15_000, { min: 100 }),
    retryBaseMs: wholeNumber(env, "BERTH_RETRY_BASE_MS", 5_000, { min: 1 }),
    retryCapMs: wholeNumber(env, "BERTH_RETRY_CAP_MS", 300_000, { min: 1 }),
    applyLeaseMs: wholeNumber(env, "BERTH_APPLY_LEASE_MS", 60_000, { min: 1_000 }),
    provisionDeadlineMs: wholeNumber(env, "BERTH_PROVISION_DEADLINE_MS", 300_000, { min: 1_000 }),
  };
}

/** What every workspace's guardrails may reach and how capacity is judged (README, "Guardrails"). */
export interface GuardrailSettings {
  /** In-cluster namespaces a workspace's pods may send traffic to (Kubeflow's own services). */
  egressNamespaces: string[];
  /** Where cluster DNS runs (pods labelled k8s-app=kube-dns: kube-dns and CoreDNS alike). */
  dnsNamespace: string;
  /** Overcommit ratio (committed quota / allocatable) above which the approval card warns, per resource. */
  overcommitLimits: { cpu: number; memory: number; gpu: number };
  /** Where the central dashboard runs, for the registration-flow check. */
  dashboardNamespace: string;
  dashboardDeployment: string;
  /** Where the AuthorizationPolicy blocking the dashboard's registration route lives. */
  gatewayNamespace: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function namespaceName(env: Env, name: string, fallback: string): string {
  const value = text(env, name) ?? fallback;
  if (!DNS_LABEL.test(value)) throw new SettingsError(`${name} must be a namespace name, got "${value.slice(0, 80)}"`);
  return value;
}

function overcommitLimits(env: Env): GuardrailSettings["overcommitLimits"] {
  const limits = { cpu: 4, memory: 1.5, gpu: 1 };
  const value = text(env, "BERTH_OVERCOMMIT_LIMITS");
  if (value === undefined) return limits;
  for (const part of value.split(",").map((p) => p.trim()).filter(Boolean)) {
    const match = /^(cpu|memory|gpu)=(\d+(\.\d+)?)$/.exec(part);
    const ratio = match ? Number(match[2]) : NaN;
    if (!match || !(ratio > 0)) {
      throw new SettingsError(`BERTH_OVERCOMMIT_LIMITS must be like "cpu=4,memory=1.5,gpu=1" (ratios > 0), got "${value.slice(0, 80)}"`);
    }
    limits[match[1] as keyof typeof limits] = ratio;
  }
  return limits;
}

export function guardrailSettings(env: Env = process.env): GuardrailSettings {
  const egressNamespaces = list(env, "BERTH_EGRESS_NAMESPACES", ["kubeflow", "istio-system", "knative-serving"]);
  const bad = egressNamespaces.find((ns) => !DNS_LABEL.test(ns));
  if (bad !== undefined) throw new SettingsError(`BERTH_EGRESS_NAMESPACES must list namespace names, got "${bad.slice(0, 80)}"`);
  return {
    egressNamespaces,
    dnsNamespace: namespaceName(env, "BERTH_DNS_NAMESPACE", "kube-system"),
    overcommitLimits: overcommitLimits(env),
    dashboardNamespace: namespaceName(env, "BERTH_DASHBOARD_NAMESPACE", "kubeflow"),
    dashboardDeployment: namespaceName(env, "BERTH_DASHBOARD_DEPLOYMENT", "centraldashboard"),
    gatewayNamespace: namespaceName(env, "BERTH_GATEWAY_NAMESPACE", "istio-system"),
  };
}

/** A name no workspace may take: exactly this, or (`prefix`) anything that starts with it. */
export interface ReservedName {
  value: string;
  prefix: boolean;
}

/**
 * The cluster's own namespaces and the prefixes Kubernetes, Kubeflow, the mesh and common add-ons
 * create them under. Always reserved: BERTH_RESERVED_NAMES adds to them, since a site cannot know
 * which of them a later upgrade starts using.
 */
export const BUILT_IN_RESERVED_NAMES = [
  "kube-*",
  "kubeflow*",
  "istio-*",
  "knative-*",
  "cert-manager*",
  "openshift*",
  "default*",
  "auth",
  "dex",
  "oauth2-proxy",
  "kserve",
  "berth",
];

const RESERVED_ENTRY = /^[a-z0-9]([-a-z0-9]*)?\*?$/;

function reservedEntry(entry: string): ReservedName {
  return entry.endsWith("*") ? { value: entry.slice(0, -1), prefix: true } : { value: entry, prefix: false };
}

/** Reserved workspace names: the built-in list and BERTH_RESERVED_NAMES (`team-x`, or `lab-*` for a prefix). */
export function reservedNames(env: Env = process.env): ReservedName[] {
  const extra = list(env, "BERTH_RESERVED_NAMES", []);
  const bad = extra.find((entry) => !RESERVED_ENTRY.test(entry));
  if (bad !== undefined) {
    throw new SettingsError(`BERTH_RESERVED_NAMES must list names or prefixes ending in "*" (lower-case letters, digits, '-'), got "${bad.slice(0, 80)}"`);
  }
  return [...BUILT_IN_RESERVED_NAMES, ...extra].map(reservedEntry);
}

/** Limits and timings of the request workflow (README, "Requests and approvals"). */
export interface WorkflowConfig {
  maxOpenRequests: number;
  maxActiveWorkspaces: number;
  /** Submissions per user in any rolling hour. */
  requestRateLimit: number;
  requestTtlDays: number;
  /** How long before a workspace's end date its owner is told. */
  expiryNoticeDays: number;
  /** Every new workspace name must start with this, when set. */
  requiredNamePrefix: string;
  webhookUrl: string | undefined;
}

export function workflowConfigFromEnv(env: Env = process.env): WorkflowConfig {
  const webhook = text(env, "BERTH_WEBHOOK_URL");
  return {
    maxOpenRequests: wholeNumber(env, "BERTH_MAX_OPEN_REQUESTS", 3),
    maxActiveWorkspaces: wholeNumber(env, "BERTH_MAX_ACTIVE_WORKSPACES", 5),
    requestRateLimit: wholeNumber(env, "BERTH_REQUEST_RATE_LIMIT", 10),
    requestTtlDays: wholeNumber(env, "BERTH_REQUEST_TTL_DAYS", 7),
    expiryNoticeDays: wholeNumber(env, "BERTH_EXPIRY_NOTICE_DAYS", 7),
    requiredNamePrefix: text(env, "BERTH_WORKSPACE_NAME_PREFIX") ?? "",
    webhookUrl: webhook === undefined ? undefined : url(env, "BERTH_WEBHOOK_URL", webhook),
  };
}

/** Per person per minute; each client address gets `addressFactor` times as many (THREATS 70). */
export interface RateLimitSettings {
  /** Any operation that changes something. */
  changesPerMinute: number;
  /** Audit exports and verification: each reads much of the trail. */
  exportsPerMinute: number;
  /** A client address may be shared (a NAT, an office): it gets this many people's worth. */
  addressFactor: number;
}

export function rateLimitSettings(env: Env = process.env): RateLimitSettings {
  return {
    changesPerMinute: wholeNumber(env, "BERTH_CHANGE_RATE_LIMIT", 30, { min: 1 }),
    exportsPerMinute: wholeNumber(env, "BERTH_EXPORT_RATE_LIMIT", 6, { min: 1 }),
    addressFactor: wholeNumber(env, "BERTH_ADDRESS_RATE_FACTOR", 10, { min: 1 }),
  };
}

/** What the response headers need (lib/auth/security-headers.ts); never fails, so that the proxy never does. */
export interface HeaderSettings {
  /** `next dev` evaluates code with eval for fast refresh; production never does. */
  development: boolean;
  /** Sign-in forms post to Auth.js, which redirects to Dex: `form-action` must allow that origin. */
  identityOrigin: string | undefined;
}

export function headerSettings(env: Env = process.env): HeaderSettings {
  let identityOrigin: string | undefined;
  try {
    const issuer = text(env, "AUTH_DEX_ISSUER");
    identityOrigin = issuer ? new URL(issuer).origin : undefined;
  } catch {
    identityOrigin = undefined;
  }
  return { development: env.NODE_ENV === "development", identityOrigin };
}

/** How many proxies in front of Berth append to X-Forwarded-For (THREATS 65). */
export function trustedProxyHops(env: Env = process.env): number {
  return wholeNumber(env, "BERTH_TRUSTED_PROXY_HOPS", 0);
}

/** The audit trail's Merkle checkpoints (README, "Audit trail"; THREATS 63, 64, 66). */
export interface AuditProofSettings {
  /** PRIVATE+KEY+<name>+<id>+<key> (Go note format); unset: no checkpoints are signed. */
  signingKey: string | undefined;
  /** A checkpoint once this many events were appended since the last one … */
  checkpointEvery: number;
  /** … or once this long has passed with any new event. */
  checkpointIntervalMs: number;
  /** Each checkpoint is also written here, outside PostgreSQL. */
  witnessDir: string | undefined;
}

const SIGNING_KEY = /^PRIVATE\+KEY\+[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/;

export function auditProofSettings(env: Env = process.env): AuditProofSettings {
  const signingKey = text(env, "BERTH_AUDIT_SIGNING_KEY");
  if (signingKey !== undefined && !SIGNING_KEY.test(signingKey)) {
    throw new SettingsError("BERTH_AUDIT_SIGNING_KEY must read PRIVATE+KEY+<name>+<8 hex>+<base64 key> (npm run audit:keygen prints one)");
  }
  return {
    signingKey,
    checkpointEvery: wholeNumber(env, "BERTH_AUDIT_CHECKPOINT_EVERY", 1_000, { min: 1 }),
    checkpointIntervalMs: wholeNumber(env, "BERTH_AUDIT_CHECKPOINT_INTERVAL_SECONDS", 300, { min: 1 }) * 1_000,
    witnessDir: text(env, "BERTH_AUDIT_WITNESS_DIR"),
  };
}

/** How contributor AuthorizationPolicies recognise a person or a group (Kubeflow's USERID_HEADER/USERID_PREFIX). */
export interface AccessSettings {
  userIdHeader: string;
  userIdPrefix: string;
  /** The header the gateway fills with one of the user's groups (a group contributor's policy matches it). */
  groupsHeader: string;
  groupsPrefix: string;
  /** Sources a contributor's requests may come through: the ingress gateway and the pipelines UI, as KFAM says. */
  gatewayPrincipals: string[];
}

const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

function headerName(env: Env, name: string, fallback: string): string {
  const value = (text(env, name) ?? fallback).toLowerCase();
  if (!HEADER_NAME.test(value)) throw new SettingsError(`${name} must be an HTTP header name, got "${value.slice(0, 80)}"`);
  return value;
}

export function accessSettings(env: Env = process.env): AccessSettings {
  const principals = list(env, "BERTH_GATEWAY_PRINCIPALS", [
    "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account",
    "cluster.local/ns/kubeflow/sa/ml-pipeline-ui",
  ]);
  if (principals.length === 0) throw new SettingsError("BERTH_GATEWAY_PRINCIPALS must name at least one principal");
  return {
    userIdHeader: headerName(env, "BERTH_USERID_HEADER", "kubeflow-userid"),
    userIdPrefix: env["BERTH_USERID_PREFIX"] ?? "",
    groupsHeader: headerName(env, "BERTH_GROUPS_HEADER", "kubeflow-groups"),
    groupsPrefix: env["BERTH_GROUPS_PREFIX"] ?? "",
    gatewayPrincipals: principals,
  };
}

/** What the portal shows around a workspace: the Kubeflow link and usage over time (README, "Configuration"). */
export interface PortalSettings {
  /** The central dashboard's URL; the workspace page links to `<url>/?ns=<namespace>`. Unset: no link. */
  kubeflowDashboardUrl: string | undefined;
  /** One usage sample per workspace per this many minutes. */
  usageSampleMinutes: number;
  /** Samples kept per workspace (a ring: the oldest is overwritten), so retention is slots × minutes. */
  usageSamplesKept: number;
}

export function portalSettings(env: Env = process.env): PortalSettings {
  const dashboard = text(env, "BERTH_KUBEFLOW_DASHBOARD_URL");
  if (dashboard !== undefined && !/^https?:\/\//i.test(dashboard)) {
    throw new SettingsError(`BERTH_KUBEFLOW_DASHBOARD_URL must be an http(s) URL, got "${dashboard.slice(0, 80)}"`);
  }
  return {
    kubeflowDashboardUrl: dashboard === undefined ? undefined : url(env, "BERTH_KUBEFLOW_DASHBOARD_URL", dashboard).replace(/\/+$/, ""),
    usageSampleMinutes: wholeNumber(env, "BERTH_USAGE_SAMPLE_MINUTES", 60, { min: 1 }),
    usageSamplesKept: wholeNumber(env, "BERTH_USAGE_SAMPLES_KEPT", 336, { min: 2 }),
  };
}

/** What Berth tells its operators: metrics, logs, shutdown (README, "Metrics, logs and shutdown"). */
export interface TelemetrySettings {
  /** Bearer token a scraper must send to /api/metrics; unset: the route answers 404 to everyone. */
  metricsToken: string | undefined;
  /** Lowest level written to the JSON log. */
  logLevel: LogLevel;
  /** How long a stopping process waits for in-flight requests and the reconciler before it exits. */
  shutdownGraceMs: number;
  /** NEXT_MANUAL_SIG_HANDLE is set: Next leaves SIGTERM/SIGINT to Berth, which exits once stopped. */
  berthHandlesSignals: boolean;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// Long enough that guessing it is hopeless, short enough for `openssl rand -hex 16`.
const MIN_METRICS_TOKEN_LENGTH = 32;

export function telemetrySettings(env: Env = process.env): TelemetrySettings {
  const metricsToken = text(env, "BERTH_METRICS_TOKEN");
  if (metricsToken !== undefined && (metricsToken.length < MIN_METRICS_TOKEN_LENGTH || /\s/.test(metricsToken))) {
    throw new SettingsError(`BERTH_METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_LENGTH} characters without spaces (e.g. \`openssl rand -hex 32\`)`);
  }
  const logLevel = text(env, "BERTH_LOG_LEVEL") ?? "info";
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new SettingsError(`BERTH_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${logLevel.slice(0, 40)}"`);
  }
  return {
    metricsToken,
    logLevel: logLevel as LogLevel,
    shutdownGraceMs: wholeNumber(env, "BERTH_SHUTDOWN_GRACE_MS", 25_000, { min: 0 }),
    berthHandlesSignals: text(env, "NEXT_MANUAL_SIG_HANDLE") !== undefined,
  };
}

/** Every setting at once: what a process checks before it starts serving. */
export function checkSettings(env: Env = process.env): void {
  roleGroupsFromEnv(env);
  identitySettings(env);
  databaseSettings(env);
  kubeSettings(env);
  reconcilerSettings(env);
  workflowConfigFromEnv(env);
  reservedNames(env);
  trustedProxyHops(env);
  auditProofSettings(env);
  portalSettings(env);
  guardrailSettings(env);
  rateLimitSettings(env);
  accessSettings(env);
  telemetrySettings(env);
}

/** Stops the process with one line naming the bad setting, instead of failing later and vaguely. */
export function checkSettingsAtStart(
  check: (env: Env) => unknown = checkSettings,
  env: Env = process.env,
  stop: (line: string) => never = (line) => {
    console.error(line);
    process.exit(1);
  },
): void {
  try {
    check(env);
  } catch (error) {
    if (error instanceof SettingsError) stop(`berth: configuration error: ${error.message}`);
    throw error;
  }
}
