import { describe, expect, it } from "vitest";
import {
  auditProofSettings,
  checkSettings,
  checkSettingsAtStart,
  databaseSettings,
  identitySettings,
  kubeSettings,
  rateLimitSettings,
  reconcilerSettings,
  roleTtlSeconds,
  SettingsError,
  workflowConfigFromEnv,
} from "./config";

const complete = {
  AUTH_DEX_ISSUER: "https://dex.example.com/dex",
  AUTH_DEX_ID: "berth",
  DATABASE_URL: "postgres://berth_app@db/berth",
};

describe("settings", () => {
  it("uses the documented defaults when nothing is set", () => {
    expect(roleTtlSeconds({})).toBe(600);
    expect(kubeSettings({}).timeoutMs).toBe(10_000);
    expect(reconcilerSettings({})).toEqual({ enabled: true, intervalMs: 15_000, retryBaseMs: 5_000, retryCapMs: 300_000, applyLeaseMs: 60_000, provisionDeadlineMs: 300_000 });
    expect(databaseSettings(complete)).toEqual({ url: complete.DATABASE_URL, migrationUrl: complete.DATABASE_URL, poolSize: 10, allowUnsafeRole: false });
    expect(rateLimitSettings({})).toEqual({ changesPerMinute: 30, exportsPerMinute: 6, addressFactor: 10 });
    expect(identitySettings(complete)).toMatchObject({ sessionMaxAgeSeconds: 28_800, trustHost: false, roleTtlSeconds: 600 });
  });

  it("reads what is set", () => {
    expect(roleTtlSeconds({ BERTH_ROLE_TTL_SECONDS: "120" })).toBe(120);
    expect(reconcilerSettings({ BERTH_RECONCILER: "0" }).enabled).toBe(false);
    expect(identitySettings({ ...complete, AUTH_URL: "https://berth.example.com" }).trustHost).toBe(true);
    expect(kubeSettings({ KUBERNETES_SERVICE_HOST: "10.0.0.1" }).inCluster).toBe(true);
    expect(kubeSettings({ KUBERNETES_SERVICE_HOST: "10.0.0.1", KUBECONFIG: "/k" }).inCluster).toBe(false);
  });

  it.each([
    ["BERTH_ROLE_TTL_SECONDS", "-1"],
    ["BERTH_ROLE_TTL_SECONDS", "0"],
    ["BERTH_KUBE_TIMEOUT_MS", "ten"],
    ["BERTH_KUBE_TIMEOUT_MS", "1e3"],
    ["DATABASE_POOL_SIZE", "2.5"],
    ["BERTH_RECONCILE_INTERVAL_MS", "NaN"],
    ["BERTH_APPLY_LEASE_MS", "Infinity"],
    ["BERTH_PROVISION_DEADLINE_MS", "500"],
    ["BERTH_MAX_OPEN_REQUESTS", "-3"],
    ["BERTH_RECONCILER", "maybe"],
    ["BERTH_WEBHOOK_URL", "not a url"],
    ["AUTH_DEX_ISSUER", "dex"],
    ["BERTH_RESERVED_NAMES", "Team-X"],
    ["BERTH_RESERVED_NAMES", "*"],
    ["BERTH_RESERVED_NAMES", "lab-*-x"],
  ])("refuses %s=%s with an error naming the variable and the value", (name, value) => {
    expect(() => checkSettings({ ...complete, [name]: value })).toThrowError(SettingsError);
    expect(() => checkSettings({ ...complete, [name]: value })).toThrowError(new RegExp(`^${name} .*${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  });

  it.each(["AUTH_DEX_ISSUER", "AUTH_DEX_ID", "DATABASE_URL"])("refuses to start without %s", (name) => {
    expect(() => checkSettings({ ...complete, [name]: undefined })).toThrowError(new RegExp(`^${name} is not set`));
  });

  it("accepts a complete environment", () => {
    expect(() => checkSettings(complete)).not.toThrow();
    expect(workflowConfigFromEnv({ BERTH_WEBHOOK_URL: "https://hooks.example.com/x" }).webhookUrl).toBe("https://hooks.example.com/x");
  });

  it("stops the start with one line naming the bad variable", () => {
    const lines: string[] = [];
    const stop = (line: string): never => {
      lines.push(line);
      throw new Error("stopped");
    };
    expect(() => checkSettingsAtStart(checkSettings, { ...complete, BERTH_KUBE_TIMEOUT_MS: "soon" }, stop)).toThrow("stopped");
    expect(lines).toEqual(['berth: configuration error: BERTH_KUBE_TIMEOUT_MS must be a whole number ≥ 1, got "soon"']);
    lines.length = 0;
    checkSettingsAtStart(checkSettings, complete, stop);
    expect(lines).toEqual([]);
  });
});

describe("audit proof settings (THREATS 64)", () => {
  it("accepts a Go note signing key and the checkpoint cadence, with defaults", () => {
    const key = `PRIVATE+KEY+berth.example/audit+0a1b2c3d+${Buffer.alloc(33, 1).toString("base64")}`;
    expect(auditProofSettings({ BERTH_AUDIT_SIGNING_KEY: key, BERTH_AUDIT_WITNESS_DIR: "/witness" })).toEqual({
      signingKey: key,
      checkpointEvery: 1_000,
      checkpointIntervalMs: 300_000,
      witnessDir: "/witness",
    });
    expect(auditProofSettings({}).signingKey).toBeUndefined();
  });

  it("refuses a malformed key or cadence, naming the variable", () => {
    expect(() => auditProofSettings({ BERTH_AUDIT_SIGNING_KEY: "ed25519:abc" })).toThrow(/BERTH_AUDIT_SIGNING_KEY must read PRIVATE\+KEY/);
    expect(() => auditProofSettings({ BERTH_AUDIT_CHECKPOINT_EVERY: "0" })).toThrow(/BERTH_AUDIT_CHECKPOINT_EVERY must be a whole number ≥ 1/);
  });
});

describe("portal settings", () => {
  it("defaults: no Kubeflow link, one usage sample an hour for 14 days", async () => {
    const { portalSettings } = await import("./config");
    expect(portalSettings({})).toEqual({ kubeflowDashboardUrl: undefined, usageSampleMinutes: 60, usageSamplesKept: 336 });
    expect(portalSettings({ BERTH_KUBEFLOW_DASHBOARD_URL: "https://kubeflow.example.com/" }).kubeflowDashboardUrl).toBe("https://kubeflow.example.com");
  });

  it.each([
    ["BERTH_KUBEFLOW_DASHBOARD_URL", "javascript:alert(1)"],
    ["BERTH_KUBEFLOW_DASHBOARD_URL", "kubeflow.example.com"],
    ["BERTH_USAGE_SAMPLE_MINUTES", "0"],
    ["BERTH_USAGE_SAMPLES_KEPT", "1"],
  ])("refuses %s=%s with a message naming it", async (name, value) => {
    const { portalSettings } = await import("./config");
    expect(() => portalSettings({ [name]: value })).toThrow(new RegExp(`^${name} must`));
    expect(() => checkSettings({ ...complete, [name]: value })).toThrow(SettingsError);
  });
});

describe("telemetry settings", () => {
  it("defaults: no metrics token (the route is hidden), info logs, 25 s to stop, Next handling signals", async () => {
    const { telemetrySettings } = await import("./config");
    expect(telemetrySettings({})).toEqual({ metricsToken: undefined, logLevel: "info", shutdownGraceMs: 25_000, berthHandlesSignals: false });
    const token = "a".repeat(32);
    expect(telemetrySettings({ BERTH_METRICS_TOKEN: token, BERTH_LOG_LEVEL: "debug", BERTH_SHUTDOWN_GRACE_MS: "5000", NEXT_MANUAL_SIG_HANDLE: "1" })).toEqual({
      metricsToken: token,
      logLevel: "debug",
      shutdownGraceMs: 5_000,
      berthHandlesSignals: true,
    });
  });

  it.each([
    ["BERTH_METRICS_TOKEN", "short"],
    ["BERTH_METRICS_TOKEN", `${"a".repeat(20)} ${"b".repeat(20)}`],
    ["BERTH_LOG_LEVEL", "loud"],
    ["BERTH_SHUTDOWN_GRACE_MS", "soon"],
  ])("refuses %s=%s at start, naming it", async (name, value) => {
    const { telemetrySettings } = await import("./config");
    expect(() => telemetrySettings({ [name]: value })).toThrow(new RegExp(`^${name} must`));
    expect(() => checkSettings({ ...complete, [name]: value })).toThrow(SettingsError);
  });
});
