// Maps an authenticated, authorized API request to its handler, answering 404/405 the way the
// server's go-restful routes do for paths and methods it does not serve.
import type { ProfileController } from "./controller";
import { nonResource } from "./discovery";
import type { JsonObject } from "./json";
import { decodeContinue, parseLabelSelector } from "./list";
import { getObject, listObjects } from "./read-handlers";
import { ALL_RESOURCES, apiVersionOf, type ResourceDef } from "./resources";
import { isRulesReview, rulesReview } from "./rules-review";
import { methodNotAllowed, pathNotFound } from "./status";
import { nameOf, type ObjectStore } from "./store";
import { toWireItem, type ApiResult, type RequestContext } from "./wire";
import { createObject, deleteObject, patchObject, replaceObject, type WriteHooks } from "./write-handlers";

export interface RouteResult extends ApiResult {
  /** Plain-text body (health endpoints). */
  text?: string;
  /** Set for watch requests: the server streams instead of answering once. */
  watch?: { def: ResourceDef; namespace?: string };
}

export class ApiRouter {
  private readonly hooks: WriteHooks;

  constructor(
    private readonly store: ObjectStore,
    private readonly controller: ProfileController,
    private readonly serverAddress: () => string,
  ) {
    this.hooks = {
      afterWrite: (def, obj) => {
        if (def.resource === "profiles") this.controller.reconcile(obj);
      },
      afterDelete: (def, obj) => {
        if (def.resource === "profiles") this.controller.profileDeleted(obj);
      },
      terminateNamespace: (name) => this.controller.terminateNamespace(name),
    };
  }

  route(ctx: RequestContext): RouteResult {
    const { info } = ctx;
    // HEAD is served as GET (the server then drops the body).
    const method = ctx.method === "HEAD" ? "GET" : ctx.method;
    if (!info.isResourceRequest) {
      const doc = nonResource(info.path, this.serverAddress());
      if (!doc) throw pathNotFound();
      if (method !== "GET") throw methodNotAllowed();
      return { status: 200, body: doc.body, ...(doc.text === undefined ? {} : { text: doc.text }) };
    }
    if (isRulesReview(ctx)) return rulesReview(ctx, method);
    const def = ALL_RESOURCES.find(
      (d) =>
        d.group === info.apiGroup &&
        d.resource === info.resource &&
        d.versions.includes(info.apiVersion) &&
        (info.apiPrefix === "api") === (d.group === ""),
    );
    if (!def) throw pathNotFound();
    // A cluster-scoped resource has no routes under /namespaces/{ns}/ (namespaces themselves excepted).
    if (!def.namespaced && info.namespace && def.resource !== "namespaces") throw pathNotFound();

    if (info.subresource) {
      if (info.subresource !== "status") throw pathNotFound();
      if (method === "GET") return getObject(this.store, def, ctx);
      throw methodNotAllowed();
    }
    if (!info.name) return this.collection(def, ctx, method);
    if (def.namespaced && !info.namespace) throw pathNotFound();
    switch (method) {
      case "GET":
        return getObject(this.store, def, ctx);
      case "PUT":
        return replaceObject(this.store, def, ctx, this.hooks);
      case "PATCH":
        return patchObject(this.store, def, ctx, this.hooks);
      case "DELETE":
        return deleteObject(this.store, def, ctx, this.hooks);
      default:
        throw methodNotAllowed();
    }
  }

  private collection(def: ResourceDef, ctx: RequestContext, method: string): RouteResult {
    const { info, query } = ctx;
    const allNamespaces = def.namespaced && !info.namespace;
    if (method === "GET") {
      if (info.verb === "watch") return { status: 200, body: null, watch: { def, ...(allNamespaces ? {} : { namespace: info.namespace }) } };
      return listObjects(this.store, def, ctx);
    }
    if (allNamespaces) throw methodNotAllowed();
    if (method === "POST") return createObject(this.store, def, ctx, this.hooks);
    if (method === "DELETE" && def.resource === "profiles") {
      if (query.get("continue")) decodeContinue(query.get("continue") ?? "");
      const matchers = parseLabelSelector(query.get("labelSelector") ?? "");
      const deleted: JsonObject[] = [];
      for (const obj of this.store.list(def.resource)) {
        if (!matchers.every((m) => m(obj))) continue;
        this.store.delete(def.resource, "", nameOf(obj));
        this.hooks.afterDelete(def, obj);
        deleted.push(toWireItem(def, obj, info.apiVersion));
      }
      const body = {
        apiVersion: apiVersionOf(def, info.apiVersion),
        items: deleted,
        kind: def.listKind,
        metadata: { continue: "", resourceVersion: String(this.store.resourceVersion) },
      };
      return { status: 200, body };
    }
    throw methodNotAllowed();
  }
}
