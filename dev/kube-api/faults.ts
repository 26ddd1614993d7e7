// Injected failures for tests: the next N matching API requests answer with an error Status, have
// their connection reset, hang until the client gives up, or are merely slowed down.
import { randomUUID } from "node:crypto";
import { isObject, type Json } from "./json";

export type FaultMode = "status" | "reset" | "hang";

export interface FaultSpec {
  method?: string;
  pathPrefix?: string;
  count: number;
  status?: number;
  reason?: string;
  message?: string;
  retryAfterSeconds?: number;
  delayMs?: number;
  /** Omitted with no status: only `delayMs` applies and the request then runs normally. */
  mode?: FaultMode;
  /** Answer with this plain-text body instead of a Status (as API Priority and Fairness's 429 does). */
  text?: string;
}

export interface Fault extends FaultSpec {
  id: string;
  remaining: number;
}

/** Parses a POST /_standin/faults body; returns an error message for a bad spec. */
export function parseFaultSpec(body: Json | undefined): FaultSpec | string {
  if (!isObject(body)) return "body must be a JSON object";
  const count = body["count"];
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1) return "count must be a positive integer";
  const spec: FaultSpec = { count };
  const str = (k: string): string | undefined => (typeof body[k] === "string" ? (body[k] as string) : undefined);
  const num = (k: string): number | undefined => (typeof body[k] === "number" ? (body[k] as number) : undefined);
  const method = str("method");
  if (method) spec.method = method.toUpperCase();
  const pathPrefix = str("pathPrefix");
  if (pathPrefix) spec.pathPrefix = pathPrefix;
  const mode = str("mode");
  if (mode !== undefined && !["status", "reset", "hang"].includes(mode)) return "mode must be status, reset or hang";
  if (mode) spec.mode = mode as FaultMode;
  const status = num("status");
  if (status !== undefined && (!Number.isInteger(status) || status < 400 || status > 599)) return "status must be an HTTP error code";
  if (status !== undefined) spec.status = status;
  if (spec.mode === "status" && spec.status === undefined) spec.status = 500;
  if (spec.status !== undefined && !spec.mode) spec.mode = "status";
  for (const k of ["reason", "message", "text"] as const) {
    const v = str(k);
    if (v !== undefined) spec[k] = v;
  }
  for (const k of ["retryAfterSeconds", "delayMs"] as const) {
    const v = num(k);
    if (v !== undefined) {
      if (v < 0) return `${k} must not be negative`;
      spec[k] = v;
    }
  }
  return spec;
}

export class Faults {
  private faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: randomUUID(), remaining: spec.count };
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** The first fault matching this request, consumed once; faults are tried in the order they were added. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (f) => f.remaining > 0 && (!f.method || f.method === method) && (!f.pathPrefix || path.startsWith(f.pathPrefix)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }
}
