// Every operation call (lib/operations/define-operation.ts wraps them all): counted by outcome,
// timed, and logged with the request id, the actor's user id and the operation's name. An
// unexpected failure is logged where it is turned into a reference id (toErrorState), not here.
import type { Ctx } from "@/lib/model/actor";
import { ExpectedError } from "@/lib/model/errors";
import { log } from "./logger";
import { recordOperation } from "./metrics";

/** "success", the code of an expected error (forbidden, invalid, limit, conflict, …), or "error". */
export function outcomeOf(error: unknown): string {
  return error instanceof ExpectedError ? error.code : "error";
}

/** Changes are logged at info; reads, which every page makes several of, at debug. */
export async function observeOperation<T>(operation: string, ctx: Ctx, run: () => Promise<T>, { isMutation }: { isMutation: boolean }): Promise<T> {
  const start = performance.now();
  let outcome = "success";
  try {
    return await run();
  } catch (error) {
    outcome = outcomeOf(error);
    throw error;
  } finally {
    const durationMs = performance.now() - start;
    recordOperation(operation, outcome, durationMs / 1000);
    (isMutation || outcome !== "success" ? log.info : log.debug)("operation", { requestId: ctx.meta.requestId, actorId: ctx.actor.userId, operation, outcome, durationMs: Math.round(durationMs * 10) / 10 });
  }
}
