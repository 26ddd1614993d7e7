// HTTPS front of the Kubernetes API stand-in: per-request bookkeeping (Audit-Id, request log,
// latency, injected faults), authentication and authorization, then the API router or /_standin.
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { ApiRouter } from "./api-router";
import { authenticate, authorize, bearer, RbacModel, requestInfo } from "./auth";
import { handleControl, type RequestLogEntry } from "./control";
import { seedCluster } from "./cluster-seed";
import { ProfileController } from "./controller";
import { Faults } from "./faults";
import type { Json } from "./json";
import { writeKubeconfig } from "./kubeconfig";
import { servingCert } from "./serving-cert";
import { ApiError, faultStatus, internalError, requestEntityTooLarge, unauthorized } from "./status";
import { ObjectStore } from "./store";
import { parseJson, type RequestContext } from "./wire";
import { serveWatch, type WatchHandle } from "./watch";

export interface KubeApiStandInOptions {
  port?: number;
  host?: string;
  stateFile?: string;
  kubeconfigPath?: string;
  latencyMs?: number;
  /** A state file to start from, never written (benchmarks: a large cluster without rewriting it on every write). */
  seedFile?: string;
  /** How often a watch that allows bookmarks gets one (kube-apiserver: about a minute). */
  bookmarkIntervalMs?: number;
}

export interface KubeApiStandIn {
  /** `https://127.0.0.1:PORT`, serving the API and the /_standin control endpoints. */
  url: string;
  /**
   * The self-signed serving certificate, which is also the CA to trust: `certificate-authority-data`
   * in a hand-built KubeConfig, or `standInFetch` for raw calls.
   */
  caCertPem: string;
  token: string;
  readOnlyToken: string;
  controlToken: string;
  kubeconfigPath?: string;
  stop(): Promise<void>;
}

/** kube-apiserver's default request body limit (3 MiB). */
const MAX_BODY_BYTES = 3 * 1024 * 1024;
/** The request log is for tests; a long `npm run dev` session should not grow it forever. */
const MAX_LOG_ENTRIES = 10_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const newToken = (): string => randomBytes(24).toString("base64url");
/** A TLS socket and the TCP socket under it share their peer address, which links the two. */
const peerKey = (socket: Socket): string => `${socket.remoteAddress}:${socket.remotePort}`;

function readBody(req: IncomingMessage): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? "too-large" : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export async function startKubeApiStandIn(options: KubeApiStandInOptions = {}): Promise<KubeApiStandIn> {
  const host = options.host ?? "127.0.0.1";
  const store = new ObjectStore(options.stateFile);
  const controller = new ProfileController(store, () => new Date());
  if (!store.load(options.seedFile ?? options.stateFile)) {
    controller.seedSystemNamespaces();
    seedCluster(store);
  }
  const faults = new Faults();
  const rbac = new RbacModel();
  const log: RequestLogEntry[] = [];
  const tokens = {
    token: process.env["BERTH_STANDIN_TOKEN"] || newToken(),
    readOnlyToken: newToken(),
    controlToken: newToken(),
  };
  // API Priority and Fairness headers carry the uids of the flow schema and priority level that served the request.
  const pfHeaders = { "X-Kubernetes-Pf-Flowschema-Uid": randomUUID(), "X-Kubernetes-Pf-Prioritylevel-Uid": randomUUID() };
  const watches = new Set<WatchHandle>();
  let address = "";
  const router = new ApiRouter(store, controller, () => address);

  function writeJson(res: ServerResponse, status: number, body: Json, headers: Record<string, string | string[]>, head = false): void {
    const payload = `${JSON.stringify(body)}\n`;
    res.writeHead(status, {
      ...headers,
      "Cache-Control": "no-cache, private",
      "Content-Type": "application/json",
      "Content-Length": String(Buffer.byteLength(payload)),
    });
    res.end(head ? undefined : payload);
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? "GET";
    const auditId = randomUUID();
    const entry: RequestLogEntry = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: req.headers["content-type"] ?? null,
      fieldManager: url.searchParams.get("fieldManager"),
      status: null,
      auditId,
      at: new Date().toISOString(),
      user: null,
      connection: peerKey(req.socket),
    };
    log.push(entry);
    if (log.length > MAX_LOG_ENTRIES) log.splice(0, log.length - MAX_LOG_ENTRIES);
    const baseHeaders: Record<string, string> = { "Audit-Id": auditId };
    const send = (status: number, body: Json, extra: Record<string, string | string[]> = {}): void => {
      entry.status = status;
      writeJson(res, status, body, { ...baseHeaders, ...extra }, method === "HEAD");
    };
    const sendError = (err: ApiError, withPf = true): void => send(err.code, err.body, { ...(withPf ? pfHeaders : {}), ...err.headers });

    const body = await readBody(req);
    if (options.latencyMs) await sleep(options.latencyMs);
    const fault = faults.take(method, url.pathname);
    if (fault) {
      entry.fault = fault.mode ?? "delay";
      if (fault.delayMs) await sleep(fault.delayMs);
      if (fault.mode === "reset") {
        // An RST, not a clean close: what a crashed load balancer or apiserver looks like to the client.
        // Only the TCP socket under the TLS one can send it.
        const tcp = sockets.get(peerKey(req.socket));
        if (tcp) tcp.resetAndDestroy();
        else req.socket.destroy();
        return;
      }
      if (fault.mode === "hang") return; // never answered; stop() closes the socket
      if (fault.mode === "status") {
        const err = faultStatus(fault.status ?? 500, fault.reason, fault.message, fault.retryAfterSeconds);
        if (fault.text === undefined) return sendError(err);
        entry.status = err.code;
        const text = `${fault.text}\n`;
        res.writeHead(err.code, { ...baseHeaders, ...err.headers, "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
        res.end(text);
        return;
      }
    }
    if (body === "too-large") return sendError(requestEntityTooLarge(MAX_BODY_BYTES));

    const principal = authenticate(req.headers.authorization, tokens);
    if (principal instanceof ApiError) return sendError(principal, false);
    entry.user = principal.name;
    const info = requestInfo(method, url.pathname, url.searchParams);
    const denied = authorize(principal, info, rbac);
    if (denied) return sendError(denied);

    const ctx: RequestContext = {
      method,
      info,
      query: url.searchParams,
      body,
      contentType: req.headers["content-type"] ?? "",
      userAgent: req.headers["user-agent"] ?? "",
      now: new Date(),
      rules: rbac.rulesOf(principal.name),
    };
    try {
      const result = router.route(ctx);
      if (result.watch) {
        entry.status = 200;
        // A watch may end before serveWatch returns (410 for a compacted resourceVersion).
        const ended = { now: false };
        let handle: WatchHandle | undefined = undefined;
        const headers = { ...baseHeaders, ...pfHeaders, "Content-Type": "application/json", "Cache-Control": "no-cache, private" };
        handle = serveWatch(res, headers, store, result.watch.def, result.watch.namespace, ctx, () => {
          ended.now = true;
          if (handle) watches.delete(handle);
        }, options.bookmarkIntervalMs);
        if (handle && !ended.now) watches.add(handle);
        return;
      }
      if (result.text !== undefined) {
        entry.status = result.status;
        res.writeHead(result.status, { ...baseHeaders, "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
        res.end(result.text);
        return;
      }
      const warnings = (result.warnings ?? []).map((w) => `299 - ${JSON.stringify(w)}`);
      send(result.status, result.body, { ...pfHeaders, ...(warnings.length ? { Warning: warnings } : {}) });
    } catch (err) {
      if (err instanceof ApiError) return sendError(err);
      console.error("kube-api stand-in: unexpected error", err);
      sendError(internalError(err instanceof Error ? err.message : String(err)));
    }
  }

  async function serveControl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await readBody(req);
    if (bearer(req.headers.authorization) !== tokens.controlToken) {
      const err = unauthorized();
      return writeJson(res, err.code, err.body, {});
    }
    try {
      const parsed = body === "too-large" || body.length === 0 ? undefined : parseJson(body);
      const result = handleControl({ store, controller, faults, log, rbac }, req.method ?? "GET", url.pathname, parsed);
      writeJson(res, result.status, result.body, {});
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : internalError(String(err));
      writeJson(res, apiErr.code, apiErr.body, {});
    }
  }

  // Without a state file the certificate lives as long as the process, like the tokens.
  const cert = await servingCert(host, options.stateFile === undefined ? undefined : `${options.stateFile}.tls.json`);
  const server = https.createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
    const url = new URL(req.url ?? "/", "https://stand-in");
    const isControl = url.pathname === "/_standin" || url.pathname.startsWith("/_standin/");
    (isControl ? serveControl(req, res, url) : serveApi(req, res, url)).catch((err: unknown) => {
      console.error("kube-api stand-in: request failed", err);
      if (!res.headersSent) writeJson(res, 500, internalError(String(err)).body, {});
      else res.destroy();
    });
  });
  // TCP sockets (not their TLS wrappers) by peer address, for stop() and for the reset fault.
  const sockets = new Map<string, Socket>();
  server.on("connection", (socket: Socket) => {
    const key = peerKey(socket);
    sockets.set(key, socket);
    socket.on("close", () => {
      if (sockets.get(key) === socket) sockets.delete(key);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostPart = host.includes(":") ? `[${host}]` : host;
  address = `${hostPart}:${port}`;
  const url = `https://${address}`;
  if (options.kubeconfigPath) writeKubeconfig(options.kubeconfigPath, url, cert.certPem, tokens.token);

  let stopping: Promise<void> | undefined;
  return {
    url,
    caCertPem: cert.certPem,
    ...tokens,
    ...(options.kubeconfigPath ? { kubeconfigPath: options.kubeconfigPath } : {}),
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        for (const w of [...watches]) w.close();
        server.close(() => resolve());
        // Hanging (fault) requests and keep-alive connections would otherwise hold close() open.
        for (const socket of sockets.values()) socket.destroy();
      });
      return stopping;
    },
  };
}
