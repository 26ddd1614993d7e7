// The non-apply PATCH formats: JSON merge patch (RFC 7386) and JSON patch (RFC 6902), failing the
// way kube-apiserver's patch handler does (400 for an undecodable patch, 422 when an op fails).
import { clone, deepEqual, isObject, type Json, type JsonObject } from "./json";
import { ApiError, badRequest, statusBody } from "./status";

export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** What the server answers when a JSON patch operation cannot be applied (its own message is dropped). */
const patchFailed = (): ApiError =>
  new ApiError(
    422,
    statusBody({
      status: "Failure",
      message: "the server rejected our request due to an error in our request",
      reason: "Invalid",
      details: {},
      code: 422,
    }),
  );

function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw patchFailed();
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

type Container = JsonObject | Json[];

function resolveParent(doc: Json, tokens: string[]): { parent: Container; key: string } {
  let cur: Json = doc;
  for (const t of tokens.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(cur) ? cur[Number(t)] : isObject(cur) ? cur[t] : undefined;
    if (next === undefined || (typeof next !== "object" || next === null)) throw patchFailed();
    cur = next;
  }
  if (typeof cur !== "object" || cur === null) throw patchFailed();
  return { parent: cur, key: tokens[tokens.length - 1] as string };
}

function arrayIndex(arr: Json[], key: string, forAdd: boolean): number {
  if (forAdd && key === "-") return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(key)) throw patchFailed();
  const i = Number(key);
  if (i > arr.length || (!forAdd && i === arr.length)) throw patchFailed();
  return i;
}

function getAt(doc: Json, tokens: string[]): Json {
  if (tokens.length === 0) return doc;
  const { parent, key } = resolveParent(doc, tokens);
  const value = Array.isArray(parent) ? parent[arrayIndex(parent, key, false)] : parent[key];
  if (value === undefined) throw patchFailed();
  return value;
}

function removeAt(doc: Json, tokens: string[]): Json {
  const { parent, key } = resolveParent(doc, tokens);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, key, false), 1)[0] as Json;
  if (!(key in parent)) throw patchFailed();
  const value = parent[key] as Json;
  delete parent[key];
  return value;
}

function addAt(doc: Json, tokens: string[], value: Json): Json {
  if (tokens.length === 0) return value;
  const { parent, key } = resolveParent(doc, tokens);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true), 0, value);
  else parent[key] = value;
  return doc;
}

export function jsonPatch(target: Json, body: Json): Json {
  if (!Array.isArray(body)) {
    throw badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  }
  let doc = clone(target);
  for (const op of body) {
    if (!isObject(op) || typeof op["op"] !== "string" || typeof op["path"] !== "string") throw patchFailed();
    const path = parsePointer(op["path"]);
    const value = op["value"];
    switch (op["op"]) {
      case "add":
        if (value === undefined) throw patchFailed();
        doc = addAt(doc, path, clone(value));
        break;
      case "remove":
        if (path.length === 0) throw patchFailed();
        removeAt(doc, path);
        break;
      case "replace":
        if (value === undefined) throw patchFailed();
        if (path.length === 0) {
          doc = clone(value);
          break;
        }
        getAt(doc, path);
        removeAt(doc, path);
        doc = addAt(doc, path, clone(value));
        break;
      case "move":
      case "copy": {
        if (typeof op["from"] !== "string") throw patchFailed();
        const from = parsePointer(op["from"]);
        const moved = op["op"] === "move" ? removeAt(doc, from) : clone(getAt(doc, from));
        doc = addAt(doc, path, moved);
        break;
      }
      case "test":
        if (!deepEqual(getAt(doc, path), value ?? null)) throw patchFailed();
        break;
      default:
        throw patchFailed();
    }
  }
  return doc;
}
