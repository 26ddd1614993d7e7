// `?watch=true`: a chunked stream of {"type","object"} events, starting with synthetic ADDED events
// (no resourceVersion) or replaying history after the given one (410 as an ERROR event if too old).
import type { ServerResponse } from "node:http";
import { metadataOf, type JsonObject } from "./json";
import { parseFieldSelector, parseLabelSelector } from "./list";
import type { ResourceDef } from "./resources";
import { statusBody } from "./status";
import { nsOf, type ObjectStore, type StoreChange } from "./store";
import { toWire, type RequestContext } from "./wire";

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
  onDone: () => void,
): WatchHandle {
  const matchers = [...parseLabelSelector(ctx.query.get("labelSelector") ?? ""), ...parseFieldSelector(ctx.query.get("fieldSelector") ?? "")];
  const wanted = (o: JsonObject): boolean => (namespace === undefined || nsOf(o) === namespace) && matchers.every((m) => m(o));
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

  const state: { closed: boolean; timer?: NodeJS.Timeout } = { closed: false };
  const close = (): void => {
    if (state.closed) return;
    state.closed = true;
    unsubscribe();
    if (state.timer) clearTimeout(state.timer);
    res.end();
    onDone();
  };
  const unsubscribe = store.onChange(sendChange);
  res.on("close", close);

  const rv = ctx.query.get("resourceVersion") ?? "";
  if (rv === "" || rv === "0") {
    for (const obj of store.list(def.resource, namespace)) if (wanted(obj)) send("ADDED", toWire(def, obj, ctx.info.apiVersion));
  } else {
    const changes = /^\d+$/.test(rv) ? store.changesSince(def.resource, Number(rv)) : undefined;
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
  state.timer = setTimeout(close, (Number.isFinite(timeout) && timeout > 0 ? timeout : 1800) * 1000);
  return { close };
}
