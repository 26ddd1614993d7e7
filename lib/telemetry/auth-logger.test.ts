// Auth.js errors as Auth.js builds them (its own error classes around oauth4webapi's), logged
// through Berth's JSON logger into memory.
import { Writable } from "node:stream";
import { CallbackRouteError, InvalidCheck } from "@auth/core/errors";
import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import { authLogger } from "./auth-logger";
import { createLog } from "./logger";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { log: createLog("debug", stream), lines };
}

const STATE = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..expected-state-value";
const SENT_STATE = "attacker-chosen-state-9f8e7d";
const CODE = "authorization-code-4f3e2d1c";

function stateMismatch(): Error {
  const as = { issuer: "https://dex.example.com" };
  const client = { client_id: "berth" };
  try {
    oauth.validateAuthResponse(as, client, new URLSearchParams({ state: SENT_STATE, code: CODE }), STATE);
  } catch (error) {
    // What Auth.js's callback does with it; the public type names only the message form of the constructor.
    const AsAuthJsBuildsIt = CallbackRouteError as unknown as new (cause: Error, data: object) => Error;
    return new AsAuthJsBuildsIt(error as Error, { provider: "dex" });
  }
  throw new Error("oauth4webapi accepted a wrong state");
}

describe("Auth.js's logger (THREATS 87; issue: the full state value on an invalid check)", () => {
  it("logs a failed state check as one JSON line without the state, the code or the parameters", () => {
    const error = stateMismatch();
    // The precondition: Auth.js's error does carry the secrets its default logger prints.
    expect(JSON.stringify((error.cause as { expected?: string }).expected)).toContain("expected-state-value");
    const { log, lines } = capture();
    authLogger(log).error(error);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: "error", message: "sign-in error", authError: "CallbackRouteError", cause: { type: "OperationProcessingError" } });
    expect(entry.causeFields).toEqual(expect.arrayContaining(["expected", "parameters"]));
    for (const secret of ["expected-state-value", SENT_STATE, CODE, "eyJhbGci"]) expect(lines[0]).not.toContain(secret);
  });

  it("keeps check failures, warnings and debug lines free of cookies and values", () => {
    const { log, lines } = capture();
    const logger = authLogger(log);
    logger.error(new InvalidCheck(`state value could not be parsed: ${SENT_STATE}`, { cause: { state: STATE } } as unknown as ErrorOptions));
    logger.warn("debug-enabled");
    logger.debug("DECODE_STATE", { state: STATE, cookie: { name: "authjs.state", value: STATE } });
    expect(lines).toHaveLength(3);
    for (const line of lines) for (const secret of ["expected-state-value", "eyJhbGci"]) expect(line).not.toContain(secret);
    expect(JSON.parse(lines[2]!)).toMatchObject({ authDebug: "DECODE_STATE", fields: ["state", "cookie"] });
  });
});
