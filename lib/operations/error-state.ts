// Failures become what the user may see: the message of an expected error, or for anything
// else a reference id that joins the user's report to the server log, and nothing more.
import { randomUUID } from "node:crypto";
import { ExpectedError, ValidationError } from "@/lib/model/errors";
import type { ActionState } from "@/lib/model/action-state";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { logUnexpected } from "@/lib/telemetry/logger";

export function toErrorState(error: unknown, log: (line: string, error: unknown) => void = (line, cause) => logUnexpected(line, cause)): ActionState {
  if (error instanceof ValidationError) return { status: "error", message: error.message, errors: error.fieldErrors };
  if (error instanceof ExpectedError) return { status: "error", message: error.message };
  const ref = randomUUID().slice(0, 8);
  if (isDatabaseUnavailable(error)) {
    log(`[berth] database unavailable ref=${ref}`, error);
    // Its transaction was rolled back: the user may safely try the same thing again.
    return { status: "error", message: `Berth's database could not be reached, so nothing was changed. Please try again in a moment. Reference: ${ref}` };
  }
  log(`[berth] unexpected error ref=${ref}`, error);
  return { status: "error", message: `Something went wrong on our side. Reference: ${ref}` };
}
