// Where a request came from, for the audit trail. The request id is set by the proxy; the
// client address counts BERTH_TRUSTED_PROXY_HOPS from the right of X-Forwarded-For.
import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import type { AuditContext } from "@/lib/model/audit-event";
import { trustedProxyHops } from "@/lib/config";
import { clientAddressFrom } from "./client-address";

export const REQUEST_ID_HEADER = "x-request-id";

export async function requestMeta(): Promise<AuditContext> {
  try {
    const h = await headers();
    return {
      requestId: h.get(REQUEST_ID_HEADER) ?? randomUUID(),
      clientAddress: clientAddressFrom(h.get("x-forwarded-for"), trustedProxyHops()),
      userAgent: h.get("user-agent")?.slice(0, 300) ?? undefined,
    };
  } catch {
    return { requestId: randomUUID() };
  }
}
