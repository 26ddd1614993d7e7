// Expected failures, typed so that actions can turn them into user messages. Anything
// else is unexpected: logged with a reference id, and the user sees only that id.

export type FieldErrors = Record<string, string[]>;

export abstract class ExpectedError extends Error {
  abstract readonly code: string;
}

export class UnauthenticatedError extends ExpectedError {
  readonly code = "unauthenticated";
  constructor() {
    super("Please sign in again.");
  }
}

export class ForbiddenError extends ExpectedError {
  readonly code = "forbidden";
  constructor(message = "You are not allowed to do that.") {
    super(message);
  }
}

/** Also used for other people's records, so that their existence is not revealed. */
export class NotFoundError extends ExpectedError {
  readonly code = "not_found";
  constructor(what = "Workspace") {
    super(`${what} not found.`);
  }
}

export class ConflictError extends ExpectedError {
  readonly code = "conflict";
}

/** A per-user limit or rate limit refused the request; the message names which. */
export class LimitError extends ExpectedError {
  readonly code = "limit";
  constructor(
    message: string,
    readonly limit: "open_requests" | "active_workspaces" | "rate",
    /** For a rate limit: when the next attempt may pass. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export class ValidationError extends ExpectedError {
  readonly code = "invalid";
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
  }
}

/** The cluster refused or could not be reached; the message is safe to show. */
export class ClusterError extends ExpectedError {
  readonly code = "cluster";
  constructor(
    message: string,
    readonly reason: string,
    readonly auditId?: string,
  ) {
    super(message);
  }
}

/**
 * The change was committed, but the database went away before Berth could apply it in the cluster;
 * the reconciler applies it once the database is back. Says so instead of "nothing was changed".
 */
export class AppliedLaterError extends ExpectedError {
  readonly code = "applied_later";
  constructor() {
    super("The change was saved, but Berth's database became unreachable before the cluster was updated; Berth applies it automatically once the database is back.");
  }
}
