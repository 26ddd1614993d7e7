// The response headers that tell the browser what a page may do (THREATS 73): a nonce-based
// Content-Security-Policy (a fresh nonce per request, trusted scripts may load their own with
// 'strict-dynamic', no inline script without the nonce), HSTS when the request came over
// HTTPS. Built here, pure, and set by proxy.ts on every page and route; the headers that never
// change (Permissions-Policy, COOP, CORP, …) are next.config.js's, on every response.
import type { HeaderSettings } from "@/lib/config";

/** 128 random bits, base64: a new one for every response. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, settings: HeaderSettings): string {
  const formTargets = ["'self'", settings.identityOrigin].filter(Boolean).join(" ");
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonce trusted may add Next's chunks; 'self' and hosts are then ignored.
    `script-src 'nonce-${nonce}' 'strict-dynamic'${settings.development ? " 'unsafe-eval'" : ""}`,
    // React sets style attributes; styles cannot run code, scripts stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    // Server actions and router fetches go to this origin only (dev adds the reload socket).
    `connect-src 'self'${settings.development ? " ws:" : ""}`,
    `form-action ${formTargets}`,
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ].join("; ");
}

/** Two years, subdomains included: only ever sent on a response to an HTTPS request. */
export const HSTS = "max-age=63072000; includeSubDomains";

/** Whether the browser reached Berth over HTTPS: directly, or through a TLS-terminating proxy that says so. */
export function servedOverHttps(url: URL, forwardedProto: string | null): boolean {
  // Sent on a plain-HTTP response, HSTS is ignored by browsers, so a forged header gains nothing.
  return url.protocol === "https:" || forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}
