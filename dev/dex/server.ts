// Starts the local Dex stand-in: a real OpenID Provider (oidc-provider) on plain node:http,
// mounted under /dex like Dex itself, so the issuer reads http://localhost:PORT/dex.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { createAccountStore, DEMO_ACCOUNTS, type DemoAccount } from "./accounts";
import { createInteractionRoutes } from "./interactions";
import { issueRefreshTokensLikeDex } from "./offline-access";
import { buildProviderConfiguration, signingKeys } from "./provider-config";
import { isTamperMode, rewriteTokenResponse, signingKeyFromJwk, tamperIdToken, type TamperMode } from "./token-tamper";

export interface DexClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
}

export interface DexStandInOptions {
  /** 0 or undefined: any free port. */
  port?: number;
  /** Listen address. Default "127.0.0.1". */
  host?: string;
  /** Host name in the issuer URL. Default "localhost"; browsers and the portal must use the same one. */
  publicHost?: string;
  clients: DexClient[];
  /** Default: DEMO_ACCOUNTS. */
  accounts?: DemoAccount[];
}

export interface DexStandIn {
  /** e.g. http://localhost:5556/dex (no trailing slash). */
  issuer: string;
  /** Changes an account's groups now; the next ID token (including on refresh) carries them. */
  setAccountGroups(email: string, groups: string[]): void;
  /** Test-only: make the next ID tokens wrong in one way (null: behave). Also `POST /_standin/tamper`. */
  setIdTokenTamper(mode: TamperMode | null): void;
  /** Bearer token for the `/_standin/*` control endpoints (`tamper`, and `outage` {down}). */
  controlToken: string;
  stop(): Promise<void>;
}

export const MOUNT_PATH = "/dex";

/**
 * Mounting as oidc-provider documents for Express (`app.use("/dex", provider.callback())`):
 * strip the prefix from `req.url` and put it in `req.baseUrl`, from which the provider derives
 * its mount path when it builds endpoint URLs for discovery and redirects.
 */
function stripMountPath(req: IncomingMessage & { baseUrl?: string }, url: string): void {
  const rest = url.slice(MOUNT_PATH.length);
  req.url = rest.startsWith("/") ? rest : `/${rest}`;
  req.baseUrl = MOUNT_PATH;
}

function isUnderMount(pathname: string): boolean {
  return pathname === MOUNT_PATH || pathname.startsWith(`${MOUNT_PATH}/`);
}

export async function startDexStandIn(options: DexStandInOptions): Promise<DexStandIn> {
  if (options.clients.length === 0) throw new Error("Dex stand-in: at least one client is required");
  const accounts = createAccountStore(options.accounts ?? DEMO_ACCOUNTS);
  const host = options.host ?? "127.0.0.1";
  const publicHost = options.publicHost ?? "localhost";

  // The issuer contains the port, so listen first and build the provider once it is known;
  // until then (a few milliseconds) requests get 503.
  const ready: { handler?: (req: IncomingMessage, res: ServerResponse) => Promise<void> } = {};
  const server = createServer((req, res) => {
    const { handler } = ready;
    if (!handler) {
      res.writeHead(503, { "Content-Type": "text/plain" }).end("Dex stand-in is starting");
      return;
    }
    handler(req, res).catch((error: unknown) => {
      console.error("Dex stand-in: request failed", error);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end("Internal error in the Dex stand-in");
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const issuer = `http://${publicHost}:${port}${MOUNT_PATH}`;
  const jwks = signingKeys();
  const provider = new Provider(issuer, buildProviderConfiguration({ clients: options.clients, accounts, mountPath: MOUNT_PATH, jwks }));
  const realKey = signingKeyFromJwk(jwks.keys[0] as Parameters<typeof signingKeyFromJwk>[0]);
  const controlToken = randomUUID();
  let tamper: TamperMode | null = null;
  // Test-only outage: every request under the issuer has its connection dropped.
  let down = false;
  // Plain http on localhost: do not trust X-Forwarded-* headers.
  provider.proxy = false;
  // oidc-provider reports request errors as events and otherwise stays silent; server errors
  // (status 500) are worth seeing while developing.
  provider.on("server_error", (_ctx, error) => console.error("Dex stand-in: oidc-provider error", error));

  issueRefreshTokensLikeDex(provider);

  const interactions = createInteractionRoutes(provider, accounts, MOUNT_PATH);
  const providerCallback = provider.callback();

  ready.handler = async (req, res) => {
    const url = req.url ?? "/";
    const { pathname } = new URL(url, "http://stand-in.invalid");
    if (pathname === "/_standin/tamper") return handleTamperControl(req, res);
    if (pathname === "/_standin/outage") return handleOutageControl(req, res);
    if (down) {
      req.socket.destroy();
      return;
    }
    if (await interactions.handle(req, res, pathname)) return;
    if (tamper && req.method === "POST" && pathname === `${MOUNT_PATH}/token`) {
      const mode = tamper;
      rewriteTokenResponse(res, (idToken) => tamperIdToken(idToken, mode, realKey));
    }
    if (isUnderMount(pathname)) {
      stripMountPath(req, url);
      await providerCallback(req, res);
      return;
    }
    res.writeHead(404, { "Content-Type": "text/plain" }).end(`Not found. The issuer is ${issuer}`);
  };

  async function controlBody(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown> | null> {
    if (req.headers.authorization !== `Bearer ${controlToken}`) {
      res.writeHead(401, { "Content-Type": "text/plain" }).end("control token required");
      return null;
    }
    let body = "";
    for await (const chunk of req) body += String(chunk);
    return JSON.parse(body || "{}") as Record<string, unknown>;
  }

  async function handleOutageControl(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await controlBody(req, res);
    if (!body) return;
    down = body.down === true;
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ down }));
  }

  async function handleTamperControl(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await controlBody(req, res);
    if (!body) return;
    const mode = body.mode ?? null;
    if (mode !== null && !isTamperMode(mode)) {
      res.writeHead(400, { "Content-Type": "text/plain" }).end("unknown tamper mode");
      return;
    }
    tamper = mode;
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ mode }));
  }

  return {
    issuer,
    controlToken,
    setIdTokenTamper: (mode) => {
      tamper = mode;
    },
    setAccountGroups: (email, groups) => accounts.setGroups(email, groups),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve(); // stopping twice is harmless
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections (browsers, fetch) would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
