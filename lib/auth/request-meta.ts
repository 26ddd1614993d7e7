// Where a request came from, for the audit trail. The request id is set by the proxy.
import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import type { AuditContext } from "@/lib/model/audit-event";

export const REQUEST_ID_HEADER = "x-request-id";

export async function requestMeta(): Promise<AuditContext> {
  try {
    const h = await headers();
    // Only the first hop that the deployment's proxy appended is meaningful; the rest is client-supplied.
    const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
    return {
      requestId: h.get(REQUEST_ID_HEADER) ?? randomUUID(),
      clientAddress: forwarded || h.get("x-real-ip") || undefined,
      userAgent: h.get("user-agent")?.slice(0, 300) ?? undefined,
    };
  } catch {
    return { requestId: randomUUID() };
  }
}
