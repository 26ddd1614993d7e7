// Every HTTP request the process answers, seen through Node's own diagnostics channels (the
// same for `next start` and the standalone server, with no wrapper around Next): counted and
// timed by route pattern for /api/metrics, logged as one JSON line with its request id, and the
// server remembered so that shutdown can stop it accepting and wait for what is in flight.
import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { log } from "./logger";
import { recordHttpRequest } from "./metrics";
import { routePattern } from "./routes";

interface RequestEvent {
  request: IncomingMessage;
  response: ServerResponse;
  server: Server;
}

// On globalThis, like the logger: the bundle that subscribes and the one that shuts down may differ.
const state = ((globalThis as unknown as { berthHttp?: HttpState }).berthHttp ??= { observed: false, started: new WeakMap(), servers: new Set(), inFlight: 0 });

interface HttpState {
  observed: boolean;
  started: WeakMap<ServerResponse, bigint>;
  servers: Set<Server>;
  inFlight: number;
}

function onStart(message: unknown): void {
  const { response, server } = message as RequestEvent;
  state.started.set(response, process.hrtime.bigint());
  state.servers.add(server);
  state.inFlight += 1;
}

function onFinish(message: unknown): void {
  const { request, response } = message as RequestEvent;
  const start = state.started.get(response);
  if (start === undefined) return;
  state.started.delete(response);
  state.inFlight -= 1;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const route = routePattern(request.url ?? "");
  recordHttpRequest(route, request.method ?? "GET", response.statusCode, seconds);
  if (route === "/_next/static" || route === "/api/healthz" || route === "/api/readyz" || route === "/api/metrics") return;
  const requestId = response.getHeader("x-request-id");
  log.info("request", {
    requestId: typeof requestId === "string" ? requestId : undefined,
    method: request.method,
    route,
    status: response.statusCode,
    durationMs: Math.round(seconds * 10_000) / 10,
  });
}

/** Starts counting and logging requests; once per process, whichever bundle calls it. */
export function observeHttpRequests(): void {
  if (state.observed) return;
  state.observed = true;
  diagnostics.subscribe("http.server.request.start", onStart);
  diagnostics.subscribe("http.server.response.finish", onFinish);
}

export function requestsInFlight(): number {
  return state.inFlight;
}

/** Stops every server seen accepting connections and resolves once their requests are answered. */
export async function closeServers(): Promise<void> {
  await Promise.all([...state.servers].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
}
