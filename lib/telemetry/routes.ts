// The route pattern a request path belongs to, for metric labels: `/workspaces/3f…` counts as
// `/workspaces/[id]`. Anything that is no route of Berth's is "other", so a scanner requesting
// random paths cannot grow the number of series (routes.test.ts checks the table against app/).

export const ROUTE_PATTERNS = [
  "/",
  "/access",
  "/admin/cluster",
  "/admin/notifications",
  "/admin/people",
  "/admin/posture",
  "/admin/requests",
  "/admin/tiers",
  "/admin/tiers/new",
  "/admin/tiers/[slug]",
  "/admin/workspaces",
  "/admin/workspaces/[id]",
  "/api/auth/[...nextauth]",
  "/api/healthz",
  "/api/live",
  "/api/metrics",
  "/api/readyz",
  "/audit",
  "/audit/access",
  "/audit/access/export",
  "/audit/events/[seq]",
  "/audit/export",
  "/audit/verify",
  "/audit/verify/head",
  "/directory",
  "/directory/[id]",
  "/notifications",
  "/signin",
  "/workspaces",
  "/workspaces/new",
  "/workspaces/[id]",
] as const;

// Compiled once: static segments must match exactly, [x] one segment, [...x] the rest.
const MATCHERS = ROUTE_PATTERNS.map((pattern) => {
  const source = pattern
    .split("/")
    .map((segment) => (segment.startsWith("[...") ? ".+" : segment.startsWith("[") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  // Static patterns first: `/workspaces/new` is not `/workspaces/[id]`.
  return { pattern, regex: new RegExp(`^${source}/?$`), dynamic: pattern.includes("[") };
}).sort((a, b) => Number(a.dynamic) - Number(b.dynamic));

export function routePattern(path: string): string {
  const pathname = path.split("?")[0] ?? "";
  if (pathname.startsWith("/_next/static/")) return "/_next/static";
  if (pathname.startsWith("/_next/image")) return "/_next/image";
  if (pathname === "/favicon.ico" || pathname === "/robots.txt") return pathname;
  return MATCHERS.find((matcher) => matcher.regex.test(pathname))?.pattern ?? "other";
}
