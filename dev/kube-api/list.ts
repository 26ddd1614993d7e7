// LIST semantics: label and field selectors, and limit/continue pagination with the same opaque
// continue tokens etcd3's store issues (base64url JSON of {v, rv, start}).
import path from "node:path";
import { isObject, type JsonObject } from "./json";
import { badRequest } from "./status";
import { nameOf, nsOf } from "./store";
import { isQualifiedName, isValidLabelValue } from "./validation";

type LabelTest = (labels: Record<string, string>) => boolean;
export type Matcher = (obj: JsonObject) => boolean;

function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of selector) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts.map((p) => p.trim());
}

function checkKey(key: string): void {
  const errs = isQualifiedName(key);
  if (errs.length) throw badRequest(`unable to parse requirement: key: Invalid value: ${JSON.stringify(key)}: ${errs.join("; ")}`);
}

function checkValue(key: string, value: string): void {
  const errs = isValidLabelValue(value);
  if (errs.length) {
    throw badRequest(`unable to parse requirement: values[0][${key}]: Invalid value: ${JSON.stringify(value)}: ${errs.join("; ")}`);
  }
}

/** labels.Parse: equality (`=`, `==`, `!=`), existence (`k`, `!k`) and set (`in`, `notin`) requirements, ANDed. */
export function parseLabelSelector(selector: string): Matcher[] {
  if (!selector.trim()) return [];
  return splitTopLevel(selector).map((part) => {
    const test = parseRequirement(part);
    return (obj: JsonObject) => test(labelsOf(obj));
  });
}

function parseRequirement(part: string): LabelTest {
  let m: RegExpExecArray | null;
  if ((m = /^!\s*([^\s=!(),]+)$/.exec(part))) {
    const key = m[1] as string;
    checkKey(key);
    return (l) => !Object.hasOwn(l, key);
  }
  if ((m = /^([^\s=!(),]+)\s*(==|=|!=)\s*([^\s=!(),]*)$/.exec(part))) {
    const [, key = "", op, value = ""] = m;
    checkKey(key);
    checkValue(key, value);
    return op === "!=" ? (l) => !Object.hasOwn(l, key) || l[key] !== value : (l) => Object.hasOwn(l, key) && l[key] === value;
  }
  if ((m = /^([^\s=!(),]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(part))) {
    const [, key = "", op, list = ""] = m;
    checkKey(key);
    const values = new Set(list.split(",").map((v) => v.trim()));
    for (const v of values) checkValue(key, v);
    return op === "in" ? (l) => Object.hasOwn(l, key) && values.has(l[key] as string) : (l) => !Object.hasOwn(l, key) || !values.has(l[key] as string);
  }
  if ((m = /^([^\s=!(),]+)$/.exec(part))) {
    const key = m[1] as string;
    checkKey(key);
    return (l) => Object.hasOwn(l, key);
  }
  throw badRequest(`unable to parse requirement: found '${part}', expected: identifier`);
}

/** Field selectors on metadata.name / metadata.namespace (all custom resources support; core types too). */
export function parseFieldSelector(selector: string, extra: Record<string, (o: JsonObject) => string> = {}): Matcher[] {
  if (!selector.trim()) return [];
  const fields: Record<string, (o: JsonObject) => string> = { "metadata.name": nameOf, "metadata.namespace": nsOf, ...extra };
  return selector.split(",").map((part): Matcher => {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [, field = "", op, value] = m;
    const get = fields[field];
    if (!get) throw badRequest(`field label not supported: ${field}`);
    return (obj) => (op === "!=" ? get(obj) !== value : get(obj) === value);
  });
}

export function labelsOf(obj: JsonObject): Record<string, string> {
  const meta = obj["metadata"];
  const labels = isObject(meta) && isObject(meta["labels"]) ? meta["labels"] : {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) out[k] = String(v);
  return out;
}

// ---- continue tokens (k8s.io/apiserver/pkg/storage/continue.go) ----

export function encodeContinue(startKey: string, rv: number): string {
  return Buffer.from(JSON.stringify({ v: "meta.k8s.io/v1", rv, start: startKey })).toString("base64url");
}

const INVALID = "continue key is not valid";

/** DecodeContinue, with the server's 400 messages for tokens it cannot read. */
export function decodeContinue(token: string): { startKey: string; rv: number } {
  const fail = (why: string): never => {
    throw badRequest(`invalid continue token: ${why}`);
  };
  const bad = /[^A-Za-z0-9_-]/.exec(token);
  if (bad) fail(`${INVALID}: illegal base64 data at input byte ${bad.index}`);
  if (token.length % 4 === 1) fail(`${INVALID}: illegal base64 data at input byte ${token.length - 1}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    fail(`${INVALID}: invalid character looking for beginning of value`);
  }
  if (!isObject(parsed)) return fail(`${INVALID}: json: cannot unmarshal into Go value of type storage.continueToken`);
  if (parsed["v"] !== "meta.k8s.io/v1") fail(`${INVALID}: server does not recognize this encoded version ${String(parsed["v"] ?? "")}`);
  const rv = typeof parsed["rv"] === "number" ? parsed["rv"] : 0;
  if (rv === 0) fail(`${INVALID}: incorrect encoded start resourceVersion (version meta.k8s.io/v1)`);
  const start = typeof parsed["start"] === "string" ? parsed["start"] : "";
  if (!start) fail(`${INVALID}: encoded start key empty (version meta.k8s.io/v1)`);
  const cleaned = path.posix.normalize(`/${start.replace(/^\//, "")}`);
  if (cleaned !== `/${start.replace(/^\//, "")}` || start.includes("..")) fail(`${INVALID}: ${start}`);
  return { startKey: start.replace(/^\//, ""), rv };
}


export interface Page {
  items: JsonObject[];
  continueToken: string;
  remainingItemCount?: number;
}

/**
 * One page, the way etcd3's GetList fills it: walk keys from the start key, keep matches until
 * `limit`, and hand out a token only if keys remain after the last one examined.
 */
export function paginate(
  sorted: JsonObject[],
  keyOf: (o: JsonObject) => string,
  matches: (o: JsonObject) => boolean,
  opts: { limit: number; startKey: string; rv: number; selectorsEmpty: boolean },
): Page {
  let i = sorted.findIndex((o) => keyOf(o) >= opts.startKey);
  if (i < 0) i = sorted.length;
  const items: JsonObject[] = [];
  let lastKey = "";
  while (i < sorted.length) {
    if (opts.limit > 0 && items.length >= opts.limit) break;
    const obj = sorted[i] as JsonObject;
    lastKey = keyOf(obj);
    if (matches(obj)) items.push(obj);
    i++;
  }
  if (opts.limit > 0 && i < sorted.length) {
    const page: Page = { items, continueToken: encodeContinue(`${lastKey}\u0000`, opts.rv) };
    if (opts.selectorsEmpty) page.remainingItemCount = sorted.length - i;
    return page;
  }
  return { items, continueToken: "" };
}
