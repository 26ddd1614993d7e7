// The layers of lib/, lowest first. A module may import its own folder and folders of lower
// layers only; nothing in lib/ imports app/ or components/. Enforced by the `berth/layers`
// lint rule (scripts/lint-rules.js) and drawn in the README's architecture section.
export const LIB_LAYERS = [
  { layer: "model", folders: ["model"], holds: "shared types: actor, roles, statuses, audit event shape, errors, input text rules" },
  { layer: "model", folders: ["quota"], holds: "quota keys and quantities, parsed and compared (pure)" },
  { layer: "infrastructure", folders: ["config"], holds: "every setting, read and checked once" },
  { layer: "infrastructure", folders: ["telemetry"], holds: "the JSON log, the metrics registry, request observation, shutdown" },
  { layer: "infrastructure", folders: ["db", "kube"], holds: "Prisma client and migrations; one module per Kubernetes kind" },
  { layer: "infrastructure", folders: ["audit"], holds: "the audit writer: hash chain, denials, failures" },
  { layer: "infrastructure", folders: ["auth"], holds: "Auth.js with Dex, session → Ctx, authorize()" },
  { layer: "operations", folders: ["operations"], holds: "defineOperation, the server-action and route bindings, error states" },
  { layer: "features", folders: ["tiers", "notifications", "audit-trail"], holds: "tiers, the outbox, browsing/exporting/verifying the trail" },
  { layer: "features", folders: ["people"], holds: "people who signed in, for admins: find, end their sessions" },
  { layer: "features", folders: ["reconcile"], holds: "applying one workspace's desired state to the cluster" },
  { layer: "features", folders: ["workspaces"], holds: "requests, approvals, lifecycle, renewals" },
  { layer: "features", folders: ["access"], holds: "contributors: requests, decisions, KFAM's objects in the cluster, expiry, access drift, who has access" },
  { layer: "features", folders: ["cluster"], holds: "drift, unmanaged Profiles, adopt, the reconcile pass" },
  { layer: "features", folders: ["jobs"], holds: "the reconciler loop and timed workflow jobs" },
  { layer: "features", folders: ["metrics"], holds: "what /api/metrics reads from the database at scrape time" },
];

/** Rank of a lib/ folder (its position in LIB_LAYERS), or undefined for a folder no layer names. */
export function rankOf(folder) {
  const index = LIB_LAYERS.findIndex((entry) => entry.folders.includes(folder));
  return index === -1 ? undefined : index;
}
