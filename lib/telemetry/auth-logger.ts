// Auth.js's logger, routed into Berth's JSON log. Auth.js hands its logger whole error causes:
// on a failed `state` check the cause holds the expected state and the callback's parameters
// (state and authorization code), and its debug metadata holds cookies. Only the error's type,
// its message and its cause's type and message are kept (scrubbed), never the cause's data
// (THREATS 87).
import type { BerthLog } from "./logger";
import { scrubText } from "./scrub";

interface AuthErrorLike extends Error {
  type?: string;
  cause?: unknown;
}

function described(error: unknown): { type: string; message: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  return { type: (error as AuthErrorLike).type ?? error.name, message: scrubText(error.message) };
}

/** The cause Auth.js attaches: `{ err, ...data }`, or an error itself. */
function causeOf(error: AuthErrorLike): { type: string; message: string } | undefined {
  const cause = error.cause;
  if (cause instanceof Error) return described(cause);
  if (cause && typeof cause === "object" && "err" in cause) return described((cause as { err: unknown }).err);
  return undefined;
}

/** Keeps the names of what Auth.js attached (for debugging), never the values. */
function dataKeys(value: unknown): string[] | undefined {
  if (!value || typeof value !== "object" || value instanceof Error) return undefined;
  return Object.keys(value).filter((key) => key !== "err").slice(0, 20);
}

export function authLogger(log: Pick<BerthLog, "error" | "warn" | "debug">) {
  return {
    error(error: Error) {
      const main = described(error) ?? { type: "AuthError", message: "unknown" };
      log.error("sign-in error", { authError: main.type, message: main.message, cause: causeOf(error), causeFields: dataKeys(error.cause) });
    },
    warn(code: string) {
      log.warn("sign-in warning", { authWarning: code });
    },
    debug(message: string, metadata?: unknown) {
      log.debug("sign-in debug", { authDebug: scrubText(message), fields: dataKeys(metadata) });
    },
  };
}
