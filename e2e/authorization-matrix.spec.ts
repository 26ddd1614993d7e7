// The authorization matrix over real HTTP (THREATS 77): every server action, called by its
// action id from the build's server-reference manifest as an attacker would, and every page and
// route handler fetched by URL, as each kind of person; each answer is checked, and after each
// call nothing in the database has changed (refusals are only audited). The action rows come
// from the operation declarations themselves; a page, route or action without a row fails.
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Browser, type BrowserContext } from "@playwright/test";
import { pagePaths, routeHandlerPaths, routePath, walk } from "./support/app-routes";
import { clusterProfiles } from "./support/cluster";
import { STATE_FINGERPRINT, withDatabase } from "./support/database";
import { storageStatePath, type Persona } from "./support/personas";
import { requestAs, uniqueName } from "./support/workspaces";

type Who = "anonymous" | "requester" | "owner" | "otherRequester" | "admin" | "adminOwner" | "auditor";
const WHO: Who[] = ["anonymous", "requester", "owner", "otherRequester", "admin", "adminOwner", "auditor"];

// Target T is Ada's pending request, U is Grace's (an admin's own): who acts, and on which.
const CAST: Record<Exclude<Who, "anonymous">, { persona: Persona; roles: string[]; target: "T" | "U" }> = {
  requester: { persona: "noGroups", roles: ["requester"], target: "T" },
  owner: { persona: "requester", roles: ["requester"], target: "T" },
  otherRequester: { persona: "requester", roles: ["requester"], target: "U" },
  admin: { persona: "admin", roles: ["requester", "admin"], target: "T" },
  adminOwner: { persona: "admin", roles: ["requester", "admin"], target: "U" },
  auditor: { persona: "auditor", roles: ["requester", "auditor"], target: "T" },
};

// ---- Server actions: read from the source and the build, not from a list to keep up to date.

interface ActionRow {
  id: string;
  exportedName: string;
  /** The page the action is served from (its first worker), with [params] still in it. */
  page: string;
  operation: string;
  roles: string[];
}

const source = (file: string) => readFileSync(file, "utf8");

/** `exportedName → operation identifier` from app/**\/actions.ts; the sign-in actions start the OIDC flow and are public. */
const PUBLIC_ACTIONS = new Set(["signInWithDexAction", "signOutAction"]);
function boundOperations(): Map<string, string> {
  const bound = new Map<string, string>();
  for (const file of walk("app").filter((f) => f.endsWith("actions.ts"))) {
    for (const match of source(file).matchAll(/export const (\w+) = serverAction\((\w+)/g)) bound.set(match[1]!, match[2]!);
  }
  return bound;
}

/** `identifier → { name, roles }` of every defineOperation in lib/. */
function declarations(): Map<string, { name: string; roles: string[] }> {
  const found = new Map<string, { name: string; roles: string[] }>();
  for (const file of walk("lib").filter((f) => /\.ts$/.test(f) && !f.includes(".test.") && !f.includes("generated"))) {
    for (const match of source(file).matchAll(/export const (\w+) = defineOperation\(\{\s*name: "([^"]+)",[\s\S]*?roles: \[([^\]]*)\]/g)) {
      found.set(match[1]!, { name: match[2]!, roles: [...match[3]!.matchAll(/"(\w+)"/g)].map((m) => m[1]!) });
    }
  }
  return found;
}

function actionRows(): { rows: ActionRow[]; unbound: string[] } {
  const manifest = JSON.parse(source(".next/server/server-reference-manifest.json")) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  const bound = boundOperations();
  const declared = declarations();
  const rows: ActionRow[] = [];
  const unbound: string[] = [];
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (PUBLIC_ACTIONS.has(entry.exportedName)) continue;
    const declaration = declared.get(bound.get(entry.exportedName) ?? "");
    if (!declaration) {
      unbound.push(`${entry.filename} ${entry.exportedName}`);
      continue;
    }
    rows.push({ id, exportedName: entry.exportedName, page: Object.keys(entry.workers)[0]!, operation: declaration.name, roles: declaration.roles });
  }
  return { rows, unbound };
}

type ActionAnswer = "signin" | "forbidden" | "passes" | "hidden" | "refused";

function expectedForAction(row: ActionRow, who: Who): ActionAnswer {
  if (who === "anonymous") return "signin";
  return row.roles.some((role) => CAST[who].roles.includes(role)) ? "passes" : "forbidden";
}

function answerOf(body: string): ActionAnswer | string {
  if (body.includes("Your session has ended")) return "signin";
  if (body.includes("You are not allowed to do that.")) return "forbidden";
  // The probe field named as unknown: parsing ran, so the role check had passed.
  if (body.includes('Unknown field \\"matrixProbe\\".')) return "passes";
  if (/(Request|Workspace) not found\./.test(body)) return "hidden";
  if (/your own|party to|You cannot/i.test(body)) return "refused";
  return body.slice(0, 300);
}

// ---- Pages and route handlers: every page.tsx and route.ts has a row, found by its path.

type PageAnswer = 200 | 307 | 400 | 401 | 403 | 404;
interface PageRow {
  path: string;
  /** Exports are audited, so they take a same-origin POST of their form (THREATS 68); the rest a GET. */
  post?: Record<string, string>;
  expect: Record<Who, PageAnswer>;
}

const ANYONE_SIGNED_IN = { anonymous: 307, requester: 200, owner: 200, otherRequester: 200, admin: 200, adminOwner: 200, auditor: 200 } as const;
const ADMINS = { anonymous: 307, requester: 403, owner: 403, otherRequester: 403, admin: 200, adminOwner: 200, auditor: 403 } as const;
const TRAIL_READERS = { anonymous: 307, requester: 403, owner: 403, otherRequester: 403, admin: 200, adminOwner: 200, auditor: 200 } as const;
const PUBLIC = { anonymous: 200, requester: 200, owner: 200, otherRequester: 200, admin: 200, adminOwner: 200, auditor: 200 } as const;

const PAGES: PageRow[] = [
  { path: "/", expect: { ...ANYONE_SIGNED_IN, requester: 307, owner: 307, otherRequester: 307, admin: 307, adminOwner: 307, auditor: 307 } },
  { path: "/signin", expect: { ...PUBLIC, requester: 307, owner: 307, otherRequester: 307, admin: 307, adminOwner: 307, auditor: 307 } },
  { path: "/workspaces", expect: ANYONE_SIGNED_IN },
  { path: "/workspaces/new", expect: ANYONE_SIGNED_IN },
  // Someone else's workspace is "not found", admins included: they have their own page for it.
  { path: "/workspaces/[id]", expect: { anonymous: 307, requester: 404, owner: 200, otherRequester: 404, admin: 404, adminOwner: 200, auditor: 404 } },
  { path: "/admin/requests", expect: ADMINS },
  { path: "/admin/tiers", expect: ADMINS },
  { path: "/admin/tiers/new", expect: ADMINS },
  { path: "/admin/tiers/[slug]", expect: ADMINS },
  { path: "/admin/cluster", expect: ADMINS },
  { path: "/admin/posture", expect: ADMINS },
  { path: "/admin/notifications", expect: ADMINS },
  { path: "/admin/people", expect: ADMINS },
  { path: "/admin/workspaces", expect: ADMINS },
  { path: "/admin/workspaces/[id]", expect: ADMINS },
  { path: "/audit", expect: TRAIL_READERS },
  { path: "/audit/events/[seq]", expect: TRAIL_READERS },
  { path: "/audit/verify", expect: TRAIL_READERS },
  // Contributors: the directory lists active workspaces only, so a pending target's entry is "not found" to all.
  { path: "/directory", expect: ANYONE_SIGNED_IN },
  { path: "/directory/[id]", expect: { anonymous: 307, requester: 404, owner: 404, otherRequester: 404, admin: 404, adminOwner: 404, auditor: 404 } },
  { path: "/access", expect: ANYONE_SIGNED_IN },
  { path: "/notifications", expect: ANYONE_SIGNED_IN },
  { path: "/audit/access", expect: TRAIL_READERS },
];
const ROUTES: PageRow[] = [
  // Without a cookie the proxy sends a GET to sign-in; with a dead one the route answers 401 (security-headers.spec.ts).
  // A POST is never redirected: the export route answers 401 itself.
  { path: "/audit/export", post: { format: "csv", action: "tier.created" }, expect: { ...TRAIL_READERS, anonymous: 401 } },
  { path: "/audit/verify/head", expect: TRAIL_READERS },
  { path: "/audit/access/export", post: { format: "csv" }, expect: { ...TRAIL_READERS, anonymous: 401 } },
  // The admin pages' poll: the operation names admins only; an admin's call without a page scope is refused as input.
  { path: "/api/live", expect: { anonymous: 307, requester: 403, owner: 403, otherRequester: 403, admin: 400, adminOwner: 400, auditor: 403 } },
  { path: "/api/healthz", expect: PUBLIC },
  { path: "/api/readyz", expect: PUBLIC },
  // Scrapers only: a session, even an admin's, is not the bearer token (THREATS 88).
  { path: "/api/metrics", expect: { anonymous: 401, requester: 401, owner: 401, otherRequester: 401, admin: 401, adminOwner: 401, auditor: 401 } },
  // Auth.js's own routes: the session endpoint tells each caller only about their own session.
  { path: "/api/auth/[...nextauth]", expect: PUBLIC },
];


function concrete(template: string, ids: { T: string; U: string }, target: "T" | "U"): string {
  return template
    .replace("[id]", ids[target])
    .replace("[slug]", "small-cpu")
    .replace("[seq]", "1")
    .replace("[...nextauth]", "session");
}

function pagePathOf(worker: string): string {
  return routePath(`${worker}.tsx`);
}

// ---- The walk.

let ids = { T: "", U: "" };
// One browser context per kind of person, for the whole file; closed (not only its request
// disposed) afterwards, so no half-closed context is left in the shared browser for later specs.
const contexts = new Map<Who, BrowserContext>();

async function contextFor(browser: Browser, who: Who): Promise<APIRequestContext> {
  let context = contexts.get(who);
  if (!context) {
    context = await browser.newContext(who === "anonymous" ? {} : { storageState: storageStatePath(CAST[who].persona) });
    contexts.set(who, context);
  }
  return context.request;
}

const fingerprint = () => withDatabase(async (client) => (await client.query<{ fingerprint: string }>(STATE_FINGERPRINT)).rows[0]!.fingerprint);

async function callAction(request: APIRequestContext, row: ActionRow, fields: Record<string, string>, target: "T" | "U"): Promise<string> {
  const url = concrete(pagePathOf(row.page), ids, target);
  // React's reply encoding of (previousState, formData), as the browser sends it: the form's
  // entries under `_1_`, then the root that points at them (the server reads them in this order).
  // A FormData, not an object: an object would put the integer-like key "0" first.
  const multipart = new FormData();
  for (const [name, value] of Object.entries(fields)) multipart.append(`_1_${name}`, value);
  multipart.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const response = await request.post(url, {
    headers: { "next-action": row.id, origin: new URL(url, test.info().project.use.baseURL).origin, accept: "text/x-component" },
    multipart,
    maxRedirects: 0,
  });
  return response.text();
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  const t = uniqueName("matrix-t");
  const u = uniqueName("matrix-u");
  await (await requestAs(browser, { name: t, tier: /^Small/, reason: "Target of the authorization matrix." }, "requester")).context().close();
  await (await requestAs(browser, { name: u, tier: /^Small/, reason: "An admin's own request, for the matrix." }, "admin")).context().close();
  ids = await withDatabase(async (client) => {
    const { rows } = await client.query<{ id: string; name: string }>("SELECT id, name FROM workspaces WHERE name = ANY($1)", [[t, u]]);
    return { T: rows.find((r) => r.name === t)!.id, U: rows.find((r) => r.name === u)!.id };
  });
});

test.afterAll(async () => {
  for (const context of contexts.values()) await context.close();
});

test("every server action has a row, derived from its operation's declaration", () => {
  const { rows, unbound } = actionRows();
  expect(unbound, "actions that are not a bound operation").toEqual([]);
  expect(rows.length).toBeGreaterThanOrEqual(20);
  expect(pagePaths(), "every page has a row").toEqual(PAGES.map((p) => p.path).sort());
  expect(routeHandlerPaths(), "every route handler has a row").toEqual(ROUTES.map((r) => r.path).sort());
});

test("each server action, called by its id as each kind of person, answers as declared and changes nothing", async ({ browser }) => {
  test.setTimeout(240_000);
  const { rows } = actionRows();
  const profilesBefore = await clusterProfiles().listClusterCustomObject({ group: "kubeflow.org", version: "v1", plural: "profiles" });
  const mismatches: string[] = [];
  let cells = 0;
  for (const row of rows) {
    for (const who of WHO) {
      const target = who === "anonymous" ? "T" : CAST[who].target;
      const before = await fingerprint();
      // A field no operation takes: strict parsing refuses it right after the role check, so a
      // caller who passes the check is told so without anything running.
      const answer = answerOf(await callAction(await contextFor(browser, who), row, { workspaceId: ids[target], matrixProbe: "1" }, target));
      const expected = expectedForAction(row, who);
      if (answer !== expected) mismatches.push(`${row.operation} as ${who}: ${answer} (expected ${expected})`);
      if ((await fingerprint()) !== before) mismatches.push(`${row.operation} as ${who}: the database changed`);
      cells++;
    }
  }
  expect(mismatches).toEqual([]);
  expect(cells).toBe(rows.length * WHO.length);
  const profilesAfter = await clusterProfiles().listClusterCustomObject({ group: "kubeflow.org", version: "v1", plural: "profiles" });
  expect((profilesAfter as { items: unknown[] }).items.length).toBe((profilesBefore as { items: unknown[] }).items.length);
});

test("well-formed calls on someone else's target are answered as not found or refused, and change nothing", async ({ browser }) => {
  const { rows } = actionRows();
  const cancel = rows.find((row) => row.operation === "workspace.cancel")!;
  const approve = rows.find((row) => row.operation === "workspace.approve")!;
  const cells: { row: ActionRow; who: Who; expected: ActionAnswer }[] = [
    { row: cancel, who: "requester", expected: "hidden" },
    { row: cancel, who: "otherRequester", expected: "hidden" },
    { row: cancel, who: "admin", expected: "hidden" },
    { row: cancel, who: "auditor", expected: "hidden" },
    // Separation of duties: an admin's own request.
    { row: approve, who: "adminOwner", expected: "refused" },
  ];
  for (const { row, who, expected } of cells) {
    const target = who === "anonymous" ? "T" : CAST[who as Exclude<Who, "anonymous">].target;
    const before = await fingerprint();
    const answer = answerOf(await callAction(await contextFor(browser, who), row, { workspaceId: ids[target] }, target));
    expect(answer, `${row.operation} as ${who}`).toBe(expected);
    expect(await fingerprint(), `${row.operation} as ${who} changed nothing`).toBe(before);
  }
});

test("each page and route handler, fetched as each kind of person, answers as its row says", async ({ browser }) => {
  // Seven people times every page and route, one request at a time: well past the default 30 s on a busy machine.
  test.setTimeout(120_000);
  const mismatches: string[] = [];
  const before = await fingerprint();
  for (const row of [...PAGES, ...ROUTES]) {
    for (const who of WHO) {
      const target = who === "anonymous" ? "T" : CAST[who].target;
      const request = await contextFor(browser, who);
      const url = concrete(row.path, ids, target);
      const response = row.post
        ? await request.post(url, { form: row.post, headers: { origin: new URL(url, test.info().project.use.baseURL).origin }, maxRedirects: 0 })
        : await request.get(url, { maxRedirects: 0 });
      if (response.status() !== row.expect[who]) mismatches.push(`${row.path} as ${who}: ${response.status()} (expected ${row.expect[who]})`);
    }
  }
  expect(mismatches).toEqual([]);
  expect(await fingerprint()).toBe(before);
});
