// GET of one object and LIST of a collection (selectors, pagination, list resourceVersion).
import type { JsonObject } from "./json";
import { decodeContinue, paginate, parseFieldSelector, parseLabelSelector, type Matcher } from "./list";
import { apiVersionOf, groupResource, type ResourceDef } from "./resources";
import { badRequest, expired, notFound } from "./status";
import { nameOf, nsOf, type ObjectStore } from "./store";
import { toWire, toWireItem, type ApiResult, type RequestContext } from "./wire";

export function getObject(store: ObjectStore, def: ResourceDef, ctx: RequestContext): ApiResult {
  const { namespace, name, apiVersion } = ctx.info;
  const obj = store.get(def.resource, def.namespaced ? namespace : "", name);
  if (!obj) throw notFound(groupResource(def), name);
  return { status: 200, body: toWire(def, obj, apiVersion) };
}

const INCONSISTENT_CONTINUE =
  "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

function parseLimit(raw: string | null): number {
  if (raw === null || raw === "") return 0;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`);
  return Math.max(0, Number(raw));
}

export function listObjects(store: ObjectStore, def: ResourceDef, ctx: RequestContext): ApiResult {
  const { query, info } = ctx;
  const namespace = def.namespaced && info.namespace ? info.namespace : undefined;
  const limit = parseLimit(query.get("limit"));
  const labelSel = query.get("labelSelector") ?? "";
  const fieldSel = query.get("fieldSelector") ?? "";
  const extraFields: Record<string, (o: JsonObject) => string> =
    def.resource === "namespaces" ? { "status.phase": (o) => String((o["status"] as JsonObject | undefined)?.["phase"] ?? "") } : {};
  const matchers: Matcher[] = [...parseLabelSelector(labelSel), ...parseFieldSelector(fieldSel, extraFields)];
  const matches = (o: JsonObject): boolean => matchers.every((m) => m(o));
  // etcd keys below the list prefix: the name, or namespace/name across all namespaces.
  const keyOf = (o: JsonObject): string => (def.namespaced && !namespace ? `${nsOf(o)}/${nameOf(o)}` : nameOf(o));

  let rv = store.resourceVersion;
  let items = store.list(def.resource, namespace);
  let startKey = "";
  const token = query.get("continue");
  if (token) {
    const decoded = decodeContinue(token);
    const requestedRv = query.get("resourceVersion");
    if (requestedRv && requestedRv !== "0") throw badRequest("specifying resource version is not allowed when using continue");
    startKey = decoded.startKey;
    if (decoded.rv > 0) {
      const past = store.listAt(def.resource, namespace, decoded.rv);
      if (!past) throw expired(INCONSISTENT_CONTINUE, continueAtLatest(decoded.startKey));
      items = past;
      rv = decoded.rv;
    }
  }

  const page = paginate(items, keyOf, matches, {
    limit,
    startKey,
    rv,
    selectorsEmpty: matchers.length === 0,
  });
  const listMeta: JsonObject = { resourceVersion: String(rv) };
  if (def.custom || page.continueToken) listMeta["continue"] = page.continueToken;
  if (page.remainingItemCount !== undefined) listMeta["remainingItemCount"] = page.remainingItemCount;
  const wireItems = page.items.map((o) => toWireItem(def, o, info.apiVersion));
  const apiVersion = apiVersionOf(def, info.apiVersion);
  // Custom resource lists are unstructured (keys sorted); core lists follow the typed struct order.
  const body: JsonObject = def.custom
    ? { apiVersion, items: wireItems, kind: def.listKind, metadata: sortMeta(listMeta) }
    : { kind: def.listKind, apiVersion, metadata: listMeta, items: wireItems };
  return { status: 200, body };
}

function sortMeta(meta: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(meta).sort()) out[k] = meta[k] as JsonObject[string];
  return out;
}

/** After compaction the server offers a token that continues at the latest revision (rv -1). */
function continueAtLatest(startKey: string): string {
  return Buffer.from(JSON.stringify({ v: "meta.k8s.io/v1", rv: -1, start: startKey })).toString("base64url");
}
