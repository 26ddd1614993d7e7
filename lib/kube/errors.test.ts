import { readFileSync } from "node:fs";
import path from "node:path";
import { ApiException } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { toKubeApiError } from "./errors";

// Real kube-apiserver responses, recorded for Berth.
function sample(name: string): string {
  return readFileSync(path.resolve(import.meta.dirname, "../../dev/kube-api/samples", name), "utf8");
}

function apiError(code: number, file: string, headers: Record<string, string> = {}) {
  return new ApiException(code, "HTTP error", sample(file), headers);
}

describe("toKubeApiError", () => {
  it.each([
    [401, "bad-token-401.json", "unauthorized", false],
    [403, "forbidden-403.json", "forbidden", false],
    [404, "get-notfound-404.json", "not_found", false],
    [409, "create-exists-409.json", "already_exists", false],
    [409, "apply-conflict-409.json", "conflict", false],
    [422, "apply-invalid-quantity.json", "invalid", false],
  ])("maps HTTP %i (%s) to %s", (code, file, failure, retryable) => {
    const error = toKubeApiError(apiError(code, file, { "Audit-ID": "abc" }));
    expect(error.failure).toBe(failure);
    expect(error.retryable).toBe(retryable);
    expect(error.status).toBe(code);
    expect(error.auditId).toBe("abc");
  });

  it("keeps the API server's message and causes for invalid objects", () => {
    const error = toKubeApiError(apiError(422, "apply-invalid-quantity.json"));
    expect(error.message).toMatch(/requests\.cpu/);
    expect(error.causes[0]?.field).toBe("spec.resourceQuotaSpec.hard.requests.cpu");
  });

  it("reads Retry-After from a 429", () => {
    const body = JSON.stringify({ kind: "Status", code: 429, reason: "TooManyRequests", message: "slow down", details: { retryAfterSeconds: 3 } });
    const error = toKubeApiError(new ApiException(429, "x", body, { "retry-after": "7" }));
    expect(error.failure).toBe("throttled");
    expect(error.retryable).toBe(true);
    expect(error.retryAfterSeconds).toBe(7);
  });

  it("treats 5xx, refused connections and timeouts as retryable", () => {
    expect(toKubeApiError(new ApiException(503, "x", "{}", {})).retryable).toBe(true);
    expect(toKubeApiError(Object.assign(new Error("connect"), { code: "ECONNREFUSED" })).failure).toBe("unreachable");
    expect(toKubeApiError(Object.assign(new Error("aborted"), { name: "AbortError" })).failure).toBe("timeout");
  });

  it("never passes an unknown error's message through", () => {
    const error = toKubeApiError(new Error("postgres://user:secret@host/db"));
    expect(error.failure).toBe("unknown");
    expect(error.message).not.toMatch(/secret/);
  });
});
