import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE_PATTERNS, routePattern } from "./routes";

/** Every page and route handler under app/, as its URL pattern (route groups dropped). */
function appRoutes(dir = "app", prefix = ""): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
      found.push(...appRoutes(path.join(dir, entry.name), prefix + segment));
    } else if (entry.name === "page.tsx" || entry.name === "route.ts") {
      found.push(prefix || "/");
    }
  }
  return found;
}

describe("route patterns for metric labels", () => {
  it("name every page and route of app/, and nothing else", () => {
    expect([...new Set(appRoutes())].sort()).toEqual([...ROUTE_PATTERNS].sort());
  });

  it("map paths to their pattern, static before dynamic, and anything else to one label", () => {
    expect(routePattern("/workspaces/new")).toBe("/workspaces/new");
    expect(routePattern("/workspaces/3f2a9c1e-0000-4000-8000-000000000000?tab=history")).toBe("/workspaces/[id]");
    expect(routePattern("/api/auth/callback/dex?code=x")).toBe("/api/auth/[...nextauth]");
    expect(routePattern("/admin/tiers/new")).toBe("/admin/tiers/new");
    expect(routePattern("/admin/tiers/small-cpu")).toBe("/admin/tiers/[slug]");
    expect(routePattern("/_next/static/chunks/abc.js")).toBe("/_next/static");
    expect(routePattern("/")).toBe("/");
    // A scanner's paths cannot create new series.
    expect(routePattern("/wp-login.php")).toBe("other");
    expect(routePattern("/workspaces/a/b/c")).toBe("other");
  });
});
