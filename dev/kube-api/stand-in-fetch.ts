// A fetch for raw calls to the stand-in (control endpoints, exact-bytes tests) that trusts its
// self-signed certificate. Node's global fetch takes no per-request CA, and undici's Agent is not
// a dependency, so this goes through node:https and hands back a standard Response.
import https from "node:https";
import { Readable } from "node:stream";

/** Where the stand-in listens and the certificate to trust: a KubeApiStandIn, or what a test stack passed on. */
export interface StandInEndpoint {
  url: string;
  caCertPem: string;
}

export interface StandInRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | undefined;
  signal?: AbortSignal;
}

/** Statuses whose Response must not have a body (the Response constructor throws otherwise). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** `urlPath` starts with a slash and may carry a query: `/_standin/requests`, `/api/v1/namespaces?limit=1`. */
export function standInFetch(endpoint: StandInEndpoint, urlPath: string, init: StandInRequestInit = {}): Promise<Response> {
  const method = init.method ?? "GET";
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(`${endpoint.url}${urlPath}`),
      {
        method,
        headers: init.headers ?? {},
        ca: endpoint.caCertPem,
        // A connection per call, as a test expects: a fault that resets or hangs one cannot affect the next.
        agent: false,
        ...(init.signal ? { signal: init.signal } : {}),
      },
      (res) => {
        const headers = new Headers();
        // Raw pairs keep repeated headers (Warning) apart, as fetch would.
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i] ?? "", res.rawHeaders[i + 1] ?? "");
        const status = res.statusCode ?? 500;
        const noBody = method === "HEAD" || NULL_BODY_STATUSES.has(status);
        if (noBody) res.resume();
        const body = noBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        resolve(new Response(body, { status, statusText: res.statusMessage ?? "", headers }));
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}
