// The one logger of the process: JSON lines on stdout (pino), one object per event, with the
// request id, the actor's user id (never an email), the operation and its duration where they
// apply. Everything passes through scrub() first, so no token, cookie or OAuth parameter is written.
import pino, { type DestinationStream, type Logger } from "pino";
import { telemetrySettings, type LogLevel } from "@/lib/config";
import { scrub, scrubText } from "./scrub";

export interface LogFields {
  requestId?: string;
  /** Berth's user id of the person acting: their email is personal data the log does not need. */
  actorId?: string;
  operation?: string;
  durationMs?: number;
  [field: string]: unknown;
}

export interface BerthLog {
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  /** Writes what is buffered (before the process exits). */
  flush(): void;
}

export function createLog(level: LogLevel, destination?: DestinationStream): BerthLog {
  const base: Logger = pino(
    {
      level,
      base: { service: "berth" },
      messageKey: "message",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
  const write = (method: "error" | "warn" | "info" | "debug") => (message: string, fields: LogFields = {}) => {
    base[method](scrub(fields) as object, scrubText(message));
  };
  return { error: write("error"), warn: write("warn"), info: write("info"), debug: write("debug"), flush: () => base.flush() };
}

// One per process, on globalThis: Next loads this module in more than one bundle (the
// instrumentation hook, routes, actions), and they must write through the same stream.
const holder = globalThis as unknown as { berthLog?: BerthLog };

function shared(): BerthLog {
  holder.berthLog ??= createLog(telemetrySettings().logLevel);
  return holder.berthLog;
}

export const log: BerthLog = {
  error: (message, fields) => shared().error(message, fields),
  warn: (message, fields) => shared().warn(message, fields),
  info: (message, fields) => shared().info(message, fields),
  debug: (message, fields) => shared().debug(message, fields),
  flush: () => shared().flush(),
};

/** For an error nobody expected: logged with its reference id, which the user is shown instead of it. */
export function logUnexpected(what: string, error: unknown, fields: LogFields = {}): void {
  log.error(what, { ...fields, error });
}
