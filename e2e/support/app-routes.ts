// The app's pages and route handlers, found on disk: specs that must cover every one of them
// (the authorization matrix, the accessibility sweep) compare their tables with this list.
import { readdirSync } from "node:fs";
import path from "node:path";

export function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

/** The URL path of a page.tsx or route.ts: route groups dropped, dynamic segments kept as written ("[id]"). */
export function routePath(file: string): string {
  const parts = path.dirname(path.relative("app", file)).split(path.sep).filter((part) => part !== "." && !/^\(.*\)$/.test(part));
  return `/${parts.join("/")}`;
}

/** Every page's URL path, sorted. */
export function pagePaths(): string[] {
  return [...new Set(walk("app").filter((f) => f.endsWith("page.tsx")).map(routePath))].sort();
}

/** Every route handler's URL path, sorted. */
export function routeHandlerPaths(): string[] {
  return [...new Set(walk("app").filter((f) => f.endsWith("route.ts")).map(routePath))].sort();
}
