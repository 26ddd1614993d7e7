// The auditor's filter, as it travels in the URL: parsed strictly (unknown parameters, bad
// values and forged cursors are refused with a message), and written back for links.
import { z } from "zod";
import { parseInput } from "@/lib/model/validation";
import { AUDIT_ACTIONS, AUDIT_RESULTS } from "@/lib/model/audit-event";

export const PAGE_DEFAULT = 50;
export const PAGE_MAX = 100;
const MAX_SEQ = 2n ** 63n - 1n;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .transform((value) => value || undefined)
    .optional();

// Times are UTC. A datetime-local field sends "2026-11-27T04:30" without a zone: read it as UTC.
const utcTime = z
  .string()
  .trim()
  .transform((value, context) => {
    if (!value) return undefined;
    const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?(Z)?$/.exec(value);
    const date = iso ? new Date(iso[4] ? value : `${value.length === 10 ? `${value}T00:00` : value}Z`) : null;
    if (!date || Number.isNaN(date.getTime())) {
      context.addIssue({ code: "custom", message: "Use a UTC date and time such as 2026-11-27T04:30." });
      return z.NEVER;
    }
    return date;
  })
  .optional();

// A cursor is only a position (a seq). It grants nothing: role and filter are applied again,
// so a cursor copied from another filter only moves where the page starts.
const cursor = z
  .string()
  .transform((value, context) => {
    if (!value) return undefined;
    if (!/^[1-9][0-9]{0,18}$/.test(value) || BigInt(value) > MAX_SEQ) {
      context.addIssue({ code: "custom", message: "That page link is not valid." });
      return z.NEVER;
    }
    return BigInt(value);
  })
  .optional();

const limit = z
  .string()
  .transform((value, context) => {
    if (!value) return undefined;
    if (!/^[0-9]{1,12}$/.test(value)) {
      context.addIssue({ code: "custom", message: "The page size must be a whole number." });
      return z.NEVER;
    }
    // Huge values are capped, not refused: a bookmarked link keeps working.
    return Math.min(Math.max(Number(value), 1), PAGE_MAX);
  })
  .optional();

/** A filter as the trail's reads take it, already read from the URL (parseAuditFilter). */
export const auditFilter = z.strictObject({
  actor: z.string().max(320).optional(),
  workspace: z.string().max(200).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  /** Keyset cursor: only events with a lower seq. */
  before: z.bigint().min(1n).max(MAX_SEQ).optional(),
  limit: z.number().int().min(1).max(PAGE_MAX).optional(),
  /** Leave out refusals of invalid input (error code `invalid`): form typos, not decisions. */
  hideInvalid: z.boolean().optional(),
});
export type AuditFilter = z.infer<typeof auditFilter>;

/** Shorter parts would match too much to be useful, and the trigram index needs three characters. */
export const ACTOR_PART_MIN = 3;

/**
 * An actor filter with an "@" is a whole address and matches it exactly (the links to "this actor's
 * other events"); without one it is a part of an address, matched anywhere, ignoring case.
 */
export function isWholeAddress(actor: string): boolean {
  return actor.includes("@");
}

export const auditFilterSchema = z
  .strictObject({
    actor: optionalText(320),
    workspace: optionalText(200),
    action: z.union([z.enum(AUDIT_ACTIONS), z.literal("")], { error: "Choose one of the listed actions." }).optional(),
    result: z.union([z.enum(AUDIT_RESULTS), z.literal("")], { error: "Choose success, failure or denied." }).optional(),
    from: utcTime,
    to: utcTime,
    before: cursor,
    limit,
    hideInvalid: z.union([z.literal("1"), z.literal("")], { error: "Use 1 to hide validation failures." }).optional(),
  })
  .transform((f): AuditFilter => ({ ...f, action: f.action || undefined, result: f.result || undefined, hideInvalid: f.hideInvalid === "1" || undefined }))
  .refine((f) => !f.from || !f.to || f.from < f.to, { message: "The start must be before the end.", path: ["to"] })
  .refine((f) => !f.actor || isWholeAddress(f.actor) || f.actor.length >= ACTOR_PART_MIN, {
    message: `Type at least ${ACTOR_PART_MIN} characters of an address, or the whole address.`,
    path: ["actor"],
  });



/** Reads a filter from URL search parameters; repeated parameters are refused. */
export function parseAuditFilter(params: URLSearchParams | Record<string, string | string[] | undefined>): AuditFilter {
  const raw: Record<string, unknown> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    raw[key] = key in raw ? [raw[key], value].flat() : value;
  }
  return parseInput(auditFilterSchema, raw);
}

/** The filter as URL search parameters, e.g. for "older events" or a shared link. */
export function filterToSearchParams(filter: Partial<AuditFilter>): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.actor) params.set("actor", filter.actor);
  if (filter.workspace) params.set("workspace", filter.workspace);
  if (filter.action) params.set("action", filter.action);
  if (filter.result) params.set("result", filter.result);
  if (filter.from) params.set("from", filter.from.toISOString());
  if (filter.to) params.set("to", filter.to.toISOString());
  if (filter.limit) params.set("limit", String(filter.limit));
  if (filter.before) params.set("before", filter.before.toString());
  if (filter.hideInvalid) params.set("hideInvalid", "1");
  return params;
}

/** The filter without its position, as recorded when an export is audited. */
export function describeFilter(filter: AuditFilter): Record<string, string> {
  const { before: _before, limit: _limit, ...rest } = filter;
  return Object.fromEntries(filterToSearchParams(rest).entries());
}
