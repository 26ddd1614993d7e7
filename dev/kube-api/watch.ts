// `?watch=true`: a chunked stream of {"type","object"} events, starting with synthetic ADDED events
// (no resourceVersion, or "0") or replaying history after the given one (410 as an ERROR event
// with a Status if too old; 400 if it is no resourceVersion at all). With allowWatchBookmarks,
// BOOKMARK events (the object's kind and apiVersion, only metadata.resourceVersion) tell the
// client how far it is current though nothing it watches changed: every interval, and once more
// just before the server ends the watch, as kube-apiserver does.
import type { ServerResponse } from "node:http";
import { metadataOf, type JsonObject } from "./json";
import { parseFieldSelector, parseLabelSelector } from "./list";
import { apiVersionOf, type ResourceDef } from "./resources";
import { statusBody } from "./status";
import { nsOf, type ObjectStore, type StoreChange } from "./store";
import { toWire, type RequestContext } from "./wire";

/** kube-apiserver sends a bookmark to each watcher about once a minute. */
export const DEFAULT_BOOKMARK_INTERVAL_MS = 60_000;

export interface WatchHandle {
  close(): void;
}

export function serveWatch(
  res: ServerResponse,
  headers: Record<string, string>,
  store: ObjectStore,
  def: ResourceDef,
  namespace: string | undefined,
  ctx: RequestContext,
  /** Called once the stream has ended (not for a refused request, which ends at once). */
  onDone: () => void,
  bookmarkIntervalMs = DEFAULT_BOOKMARK_INTERVAL_MS,
): WatchHandle | undefined {
  const matchers = [...parseLabelSelector(ctx.query.get("labelSelector") ?? ""), ...parseFieldSelector(ctx.query.get("fieldSelector") ?? "")];
  const wanted = (o: JsonObject): boolean => (namespace === undefined || nsOf(o) === namespace) && matchers.every((m) => m(o));
  const rv = ctx.query.get("resourceVersion") ?? "";
  if (rv !== "" && !/^\d+$/.test(rv)) {
    const body = statusBody({ status: "Failure", message: `invalid resource version: ${rv}`, reason: "BadRequest", code: 400 });
    res.writeHead(400, headers).end(JSON.stringify(body));
    return undefined;
  }
  const bookmarks = ["true", "1"].includes(ctx.query.get("allowWatchBookmarks") ?? "");
  res.writeHead(200, { ...headers, "Transfer-Encoding": "chunked" });

  const send = (type: string, object: JsonObject): void => {
    res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const sendChange = (c: StoreChange): void => {
    if (c.resource !== def.resource || !wanted(c.object)) return;
    const obj = toWire(def, c.object, ctx.info.apiVersion);
    if (c.type === "DELETED") metadataOf(obj)["resourceVersion"] = String(c.rv);
    send(c.type, obj);
  };

  const bookmark = (): void => {
    send("BOOKMARK", { kind: def.kind, apiVersion: apiVersionOf(def, ctx.info.apiVersion), metadata: { resourceVersion: String(store.resourceVersion) } });
  };

  const state: { closed: boolean; timer?: NodeJS.Timeout; bookmarks?: NodeJS.Timeout } = { closed: false };
  const close = (): void => {
    if (state.closed) return;
    state.closed = true;
    unsubscribe();
    if (state.timer) clearTimeout(state.timer);
    if (state.bookmarks) clearInterval(state.bookmarks);
    res.end();
    onDone();
  };
  const unsubscribe = store.onChange(sendChange);
  res.on("close", close);

  if (rv === "" || rv === "0") {
    for (const obj of store.list(def.resource, namespace)) if (wanted(obj)) send("ADDED", toWire(def, obj, ctx.info.apiVersion));
  } else {
    const changes = store.changesSince(def.resource, Number(rv));
    if (!changes) {
      const message = `too old resource version: ${rv} (${store.resourceVersion})`;
      send("ERROR", statusBody({ status: "Failure", message, reason: "Expired", code: 410 }));
      close();
      return { close };
    }
    for (const c of changes) sendChange(c);
  }
  const timeout = Number(ctx.query.get("timeoutSeconds") ?? "");
  // The server ends watches after a while (about 30-60 minutes when the client does not say).
  state.timer = setTimeout(
    () => {
      if (bookmarks) bookmark();
      close();
    },
    (Number.isFinite(timeout) && timeout > 0 ? timeout : 1800) * 1000,
  );
  if (bookmarks) state.bookmarks = setInterval(bookmark, bookmarkIntervalMs);
  return { close };
}
