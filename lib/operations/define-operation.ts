// An operation is declared once: its stable name, the roles allowed, its zod input, the audit
// action(s) a success writes, and what it does. Calling it always authorizes first, then
// parses, then runs; a refusal or failure is audited from the same declaration, and the server
// action (server-action.ts) and the authorization matrix (registry.ts) are derived from it, so
// no role or name is ever written twice.
import "server-only";
import { z } from "zod";
import { recordActionFailure } from "@/lib/audit/failures";
import { auditedActionsDuring, auditWaitsFor } from "@/lib/audit/record";
import { authorize } from "@/lib/auth/authorize";
import type { Ctx } from "@/lib/model/actor";
import type { AuditAction, AuditTarget } from "@/lib/model/audit-event";
import type { Role } from "@/lib/model/roles";
import { parseInput } from "@/lib/model/validation";
import { recordDecisions } from "@/lib/telemetry/metrics";
import { observeOperation } from "@/lib/telemetry/operations";
import { enforceRateLimit, type RateClass } from "./rate-limit";
import { register } from "./registry";

export interface OperationDeclaration<S extends z.ZodType, R, O> {
  /** Stable identifier, `<subject>.<verb>` (e.g. `workspace.approve`): the row in the authorization matrix. */
  name: string;
  /** How a person would say it ("approving a request"): in denials, failures and their rate limiting. */
  title: string;
  /** Who may run it; everyone else is refused and audited before the input is even parsed. */
  roles: readonly [Role, ...Role[]];
  /** Strict: a field the schema does not name is an error. */
  input: S;
  /**
   * The events one of which every success writes in its own transaction. A mutation's refusals
   * and failures are audited too; `[]` marks a read, which writes nothing when it fails.
   */
  audit: readonly AuditAction[];
  /** The event for a refused or failed attempt, when `action.failed` says too little. */
  refusal?: AuditAction;
  /**
   * How fast one person (and one client address) may run it (lib/operations/rate-limit.ts).
   * A mutation is always limited as a `change` unless it names a stricter class; a read is not
   * limited unless it names one (exports and verification: `export`).
   */
  rateLimit?: RateClass;
  /**
   * Takes the rate-limit hit alongside the operation's first read instead of before it: one round
   * trip fewer on a hot path (approving). Nothing it changes can commit before the verdict, since
   * its audit events wait for it (lib/audit/record.ts, auditWaitsFor). Only for operations whose
   * effects before their first audit event are reads.
   */
  rateLimitAlongside?: true;
  /** What a denial or failure is about, read from the unparsed input: keep only what is well-formed. */
  target?: (raw: Record<string, unknown>) => AuditTarget | undefined;
  run: (ctx: Ctx, input: z.infer<S>, options: O) => Promise<R>;
}

/** The input of a read that takes nothing: any field at all is refused. */
export const noInput = z.strictObject({});

export type OperationFacts = Omit<OperationDeclaration<z.ZodType, unknown, unknown>, "run">;

export interface Operation<S extends z.ZodType = z.ZodType, R = unknown, O = undefined> {
  /** `options` are the run's own knobs (a clock, limits) for jobs and tests; forms never set them. */
  (ctx: Ctx, raw: unknown, options?: O): Promise<R>;
  readonly declaration: OperationFacts;
  /** Same as calling it, also handing back the parsed input (for redirects after a server action). */
  execute(ctx: Ctx, raw: unknown, options?: O): Promise<{ input: z.infer<S>; result: R }>;
}

export function defineOperation<S extends z.ZodType, R, O = undefined>(declaration: OperationDeclaration<S, R, O>): Operation<S, R, O> {
  const { run, ...facts } = declaration;
  const isMutation = facts.audit.length > 0;
  const rateClass: RateClass | undefined = facts.rateLimit ?? (isMutation ? "change" : undefined);
  const limited = { ...facts, rateLimit: rateClass };

  // Every call is counted, timed and logged by outcome (lib/telemetry/operations.ts).
  const execute = (ctx: Ctx, raw: unknown, options?: O) => observeOperation(facts.name, ctx, () => authorizedRun(ctx, raw, options), { isMutation });

  async function authorizedRun(ctx: Ctx, raw: unknown, options?: O): Promise<{ input: z.infer<S>; result: R }> {
    const target = facts.target?.(isRecord(raw) ? raw : {});
    await authorize(ctx, facts.roles, { what: facts.title, target });
    // Counted after the role check (refused roles are thinned by the denial limiter), before
    // parsing: a malformed attempt costs the same as a good one. The refusal is audited there.
    const verdict = rateClass ? enforceRateLimit({ title: facts.title, rateClass, target }, ctx) : undefined;
    // Awaited below in every path; never an unhandled rejection meanwhile.
    verdict?.catch(() => undefined);
    if (verdict && !facts.rateLimitAlongside) await verdict;
    try {
      const input = parseInput(facts.input, raw);
      const running = () => run(ctx, input, options as O);
      const { result, actions } = await auditedActionsDuring(verdict && facts.rateLimitAlongside ? () => auditWaitsFor(verdict, running) : running);
      // A run that wrote nothing is refused all the same.
      await verdict;
      recordDecisions(actions);
      // A success that wrote none of its declared events is a bug in the operation, never the caller's.
      if (isMutation && !facts.audit.some((action) => actions.includes(action))) {
        throw new Error(`${facts.name} succeeded without writing any of its audit events (${facts.audit.join(", ")})`);
      }
      return { input, result };
    } catch (error) {
      // A refused attempt is refused (and audited as such), whatever else went wrong alongside.
      await verdict;
      if (isMutation) await recordActionFailure({ title: facts.title, action: facts.refusal, target }, ctx, error);
      throw error;
    }
  }

  const operation = Object.assign(async (ctx: Ctx, raw: unknown, options?: O) => (await execute(ctx, raw, options)).result, {
    declaration: limited,
    execute,
  });
  register(operation);
  return operation;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
