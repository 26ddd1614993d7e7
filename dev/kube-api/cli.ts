// Runs the Kubernetes API stand-in on its own: `tsx dev/kube-api/cli.ts [--port N] [--host H]
// [--state-file F] [--kubeconfig F] [--latency-ms N]`, or the same through BERTH_STANDIN_* env vars.
import { parseArgs } from "node:util";
import { startKubeApiStandIn, type KubeApiStandInOptions } from "./server";

const USAGE = `Usage: tsx dev/kube-api/cli.ts [options]
  --port N          port to listen on (env BERTH_STANDIN_PORT; default: a free port)
  --host H          address to bind (env BERTH_STANDIN_HOST; default 127.0.0.1)
  --state-file F    load state from F and save every write to it, and keep the TLS certificate
                    in F.tls.json (env BERTH_STANDIN_STATE_FILE)
  --kubeconfig F    write a kubeconfig for the stand-in to F (env BERTH_STANDIN_KUBECONFIG)
  --latency-ms N    add N ms to every API request (env BERTH_STANDIN_LATENCY_MS)
The full-rights token is random unless BERTH_STANDIN_TOKEN is set.`;

function toNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "state-file": { type: "string" },
      kubeconfig: { type: "string" },
      "latency-ms": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const env = process.env;
  const options: KubeApiStandInOptions = {};
  const port = toNumber("--port", values.port ?? env["BERTH_STANDIN_PORT"]);
  if (port !== undefined) options.port = port;
  const host = values.host ?? env["BERTH_STANDIN_HOST"];
  if (host) options.host = host;
  const stateFile = values["state-file"] ?? env["BERTH_STANDIN_STATE_FILE"];
  if (stateFile) options.stateFile = stateFile;
  const kubeconfigPath = values.kubeconfig ?? env["BERTH_STANDIN_KUBECONFIG"];
  if (kubeconfigPath) options.kubeconfigPath = kubeconfigPath;
  const latency = toNumber("--latency-ms", values["latency-ms"] ?? env["BERTH_STANDIN_LATENCY_MS"]);
  if (latency !== undefined) options.latencyMs = latency;

  const standIn = await startKubeApiStandIn(options);
  console.log(`Kubernetes API stand-in listening on ${standIn.url}`);
  if (standIn.kubeconfigPath) {
    console.log(`kubeconfig: ${standIn.kubeconfigPath} (context berth-dev; kubectl --kubeconfig ${standIn.kubeconfigPath} get profiles)`);
  }
  if (stateFile) console.log(`state file: ${stateFile}`);
  // Tokens are printed only on request: they are bearer credentials, even if only for a dev server.
  if (env["BERTH_STANDIN_PRINT_TOKENS"] === "1") {
    console.log(`token: ${standIn.token}\nread-only token: ${standIn.readOnlyToken}\ncontrol token: ${standIn.controlToken}`);
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the Kubernetes API stand-in`);
    standIn.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
