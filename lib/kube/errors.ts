// One mapper from whatever the client throws (an API Status, a refused connection, a
// timeout) to a typed KubeApiError that says whether retrying can help.

import { ApiException } from "@kubernetes/client-node";

export type KubeFailure =
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "already_exists"
  | "conflict"
  | "invalid"
  | "throttled"
  | "server_error"
  | "unreachable"
  | "timeout"
  | "unknown";

export class KubeApiError extends Error {
  constructor(
    readonly failure: KubeFailure,
    message: string,
    readonly status?: number,
    readonly auditId?: string,
    readonly retryAfterSeconds?: number,
    readonly causes: { reason?: string; field?: string; message?: string }[] = [],
  ) {
    super(message);
    this.name = "KubeApiError";
  }

  /** Whether the same request may succeed later without anyone changing configuration. */
  get retryable(): boolean {
    return ["throttled", "server_error", "unreachable", "timeout"].includes(this.failure);
  }
}

interface StatusBody {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes?: { reason?: string; field?: string; message?: string }[]; retryAfterSeconds?: number };
}

export function toKubeApiError(error: unknown): KubeApiError {
  if (error instanceof KubeApiError) return error;
  if (error instanceof ApiException) return fromApiException(error);
  const cause = error as { name?: string; code?: string; type?: string; message?: string };
  if (cause?.name === "AbortError" || cause?.name === "TimeoutError" || cause?.type === "aborted") {
    return new KubeApiError("timeout", "The Kubernetes API did not answer in time.");
  }
  const code = cause?.code ?? (cause as { errno?: string })?.errno;
  if (code && ["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH", "EPIPE", "ETIMEDOUT", "EAI_AGAIN"].includes(code)) {
    return new KubeApiError("unreachable", `The Kubernetes API could not be reached (${code}).`);
  }
  return new KubeApiError("unknown", "The Kubernetes API call failed unexpectedly.");
}

function fromApiException(error: ApiException<unknown>): KubeApiError {
  return fromResponse(error.code, error.body, error.headers ?? {});
}

/** An answer other than 2xx (status, its body and headers) as a KubeApiError. */
export function fromResponse(code: number, rawBody: unknown, rawHeaders: Record<string, string>): KubeApiError {
  const body = parseStatus(rawBody);
  const headers = lowerCaseKeys(rawHeaders);
  const auditId = headers["audit-id"];
  const retryAfter = Number(headers["retry-after"] ?? body.details?.retryAfterSeconds);
  const message = body.message ?? `The Kubernetes API answered ${code}.`;
  return new KubeApiError(
    failureFor(code, body.reason),
    message,
    code,
    auditId,
    Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
    body.details?.causes ?? [],
  );
}

function failureFor(status: number, reason?: string): KubeFailure {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409) return reason === "AlreadyExists" ? "already_exists" : "conflict";
  if (status === 400 || status === 422) return "invalid";
  if (status === 429) return "throttled";
  if (status >= 500) return "server_error";
  return "unknown";
}

function parseStatus(body: unknown): StatusBody {
  if (typeof body === "string") {
    try {
      return JSON.parse(body) as StatusBody;
    } catch {
      return {};
    }
  }
  return typeof body === "object" && body !== null ? (body as StatusBody) : {};
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
