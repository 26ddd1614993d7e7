// For route handlers (downloads): the signed-in context, or a plain-text error response.
// No redirects: a download link followed without a session gets 401, audited as a denial.
import "server-only";
import { recordDenial } from "@/lib/audit/denials";
import type { Ctx } from "@/lib/model/actor";
import { requestMeta } from "@/lib/auth/request-meta";
import { currentCtx } from "@/lib/auth/session";
import { ExpectedError, ForbiddenError, LimitError, NotFoundError, ValidationError } from "@/lib/model/errors";

export async function routeCtx(operation: string): Promise<Ctx | Response> {
  const ctx = await currentCtx();
  if (ctx) return ctx;
  await recordDenial({ operation, actor: null, context: await requestMeta(), reason: `${operation} without a session`, errorCode: "unauthenticated" });
  return textResponse(401, "Please sign in again.");
}

export function textResponse(status: number, message: string, extra: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...extra } });
}

/** Expected errors become their status and message; anything else is thrown on (a 500, logged). */
export function errorResponse(error: unknown): Response {
  if (error instanceof ValidationError) {
    const details = Object.entries(error.fieldErrors).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
    return textResponse(400, [error.message, ...details].join("\n"));
  }
  if (error instanceof ForbiddenError) return textResponse(403, error.message);
  if (error instanceof NotFoundError) return textResponse(404, error.message);
  if (error instanceof LimitError && error.limit === "rate") {
    return textResponse(429, error.message, { "retry-after": String(error.retryAfterSeconds ?? 60) });
  }
  if (error instanceof ExpectedError) return textResponse(409, error.message);
  throw error;
}
