import { ApiException, HttpMethod, RequestContext, type ConfigurationOptions } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { kubeCall } from "./call";
import { KubeApiError } from "./errors";

const notFound = new ApiException(404, "HTTP error", JSON.stringify({ kind: "Status", code: 404, reason: "NotFound" }), { "audit-id": "a1" });

/** What the client would send with these options: the middleware's view of a request. */
async function prepared(options: ConfigurationOptions): Promise<RequestContext> {
  const request = new RequestContext("http://api.invalid/api/v1/namespaces", HttpMethod.GET);
  const [middleware] = options.middleware ?? [];
  return middleware ? middleware.pre(request).toPromise() : request;
}

describe("kubeCall", () => {
  it("gives the call a timeout and the requested headers", async () => {
    const request = await kubeCall((options) => prepared(options), { headers: { "Content-Type": "application/apply-patch+yaml" } });
    expect(request.getHeaders()["Content-Type"]).toBe("application/apply-patch+yaml");
    expect(request.getSignal()).toBeInstanceOf(AbortSignal);
  });

  it("maps whatever the call throws to a KubeApiError", async () => {
    const refused = Object.assign(new Error("connect"), { code: "ECONNREFUSED" });
    await expect(kubeCall(() => Promise.reject(refused))).rejects.toMatchObject({ failure: "unreachable" });
    await expect(kubeCall(() => Promise.reject(notFound))).rejects.toBeInstanceOf(KubeApiError);
  });

  it("answers a 404 with the caller's fallback, which sees the mapped error", async () => {
    const answer = await kubeCall(() => Promise.reject(notFound), { notFound: (gone) => ({ gone: gone.auditId }) });
    expect(answer).toEqual({ gone: "a1" });
  });

  it("still throws other failures when a 404 fallback is given", async () => {
    const forbidden = new ApiException(403, "HTTP error", "{}", {});
    await expect(kubeCall(() => Promise.reject(forbidden), { notFound: () => null })).rejects.toMatchObject({ failure: "forbidden" });
  });
});
