// The API clients Berth uses, built once per process, plus per-call options that bound
// every request in time (the client has no default timeout) and set headers.
import "server-only";
import {
  AppsV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  NetworkingV1Api,
  Observable,
  RbacAuthorizationV1Api,
  Watch,
  type ConfigurationOptions,
  type KubeConfig,
} from "@kubernetes/client-node";
import http from "node:http";
import https from "node:https";
import { kubeSettings } from "@/lib/config";
import { loadKubeConfig } from "./config";
import { fromResponse, KubeApiError, toKubeApiError } from "./errors";


interface Clients {
  customObjects: CustomObjectsApi;
  core: CoreV1Api;
  networking: NetworkingV1Api;
  apps: AppsV1Api;
  authorization: AuthorizationV1Api;
  rbac: RbacAuthorizationV1Api;
}

let clients: Clients | undefined;

export function kubeClients(): Clients {
  if (!clients) {
    const config = loadKubeConfig();
    clients = {
      customObjects: config.makeApiClient(CustomObjectsApi),
      core: config.makeApiClient(CoreV1Api),
      networking: config.makeApiClient(NetworkingV1Api),
      apps: config.makeApiClient(AppsV1Api),
      authorization: config.makeApiClient(AuthorizationV1Api),
      rbac: config.makeApiClient(RbacAuthorizationV1Api),
    };
  }
  return clients;
}

/** Request options: a timeout, and any extra headers (e.g. the apply content type). */
export function callOptions(
  headers: Record<string, string> = {},
  timeoutMs = kubeSettings().timeoutMs,
): ConfigurationOptions {
  return {
    middleware: [
      {
        pre: (request) => {
          for (const [key, value] of Object.entries(headers)) request.setHeaderParam(key, value);
          request.setSignal(AbortSignal.timeout(timeoutMs));
          const agent = pooledAgent(request.getAgent());
          if (agent) request.setAgent(agent);
          return new Observable(Promise.resolve(request));
        },
        post: (response) => new Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: "append",
  };
}

/** How long an idle connection to the API server is kept: under the idle timeouts of load balancers in front of it. */
const IDLE_CONNECTION_MS = 30_000;
let pooled: https.Agent | undefined;

/**
 * The client builds a new Agent for every request, so every call paid for a TCP connection and a
 * TLS handshake. Calls share one keep-alive agent with the same TLS options (CA, client
 * certificate, server name) instead, as client-go does. Proxy agents are left as the client built
 * them. The KubeConfig is read once per process (kubeClients), so the options never change.
 */
function pooledAgent(perRequest: http.Agent | https.Agent | undefined): http.Agent | https.Agent | undefined {
  // Exactly an https.Agent: proxy agents subclass it, and carry what the proxy needs.
  if (!(perRequest instanceof https.Agent) || Object.getPrototypeOf(perRequest) !== https.Agent.prototype) return perRequest;
  pooled ??= new https.Agent({ ...perRequest.options, keepAlive: true, timeout: IDLE_CONNECTION_MS });
  return pooled;
}

let streaming: { config: KubeConfig; watch: Watch } | undefined;

function streamingConfig() {
  streaming ??= (() => {
    const config = loadKubeConfig();
    return { config, watch: new Watch(config) };
  })();
  return streaming;
}

/** The client's watch streamer, over the same KubeConfig (auth and TLS) as the API clients. */
export function kubeWatch(): Watch {
  return streamingConfig().watch;
}

/**
 * One GET whose JSON body is returned as the wire has it (the typed clients rename some fields,
 * e.g. LimitRange `default`), for caches that also read watch events, which come as on the wire.
 */
export async function rawGet(path: string, query: Record<string, string>, timeoutMs = kubeSettings().timeoutMs): Promise<unknown> {
  const { config } = streamingConfig();
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new KubeApiError("unknown", "The KubeConfig names no cluster.");
  const url = new URL(cluster.server + path);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const options: https.RequestOptions = { headers: { Accept: "application/json" } };
  await config.applyToHTTPSOptions(options);
  // The same kept-alive connections as every other call (the informers list page after page).
  if (options.agent instanceof http.Agent) options.agent = pooledAgent(options.agent);
  return new Promise((resolve, reject) => {
    const request = (url.protocol === "https:" ? https : http).get(url, { ...options, signal: AbortSignal.timeout(timeoutMs) }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          try {
            resolve(JSON.parse(text));
          } catch (error) {
            reject(error);
          }
        } else reject(fromResponse(status, text, response.headers as Record<string, string>));
      });
    });
    request.on("error", (error) => reject(toKubeApiError(error)));
  });
}
