import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/model/errors";
import { toErrorState } from "./error-state";

describe("toErrorState (THREATS 24: no internals reach the browser)", () => {
  it("shows expected errors as they are, with field errors for invalid input", () => {
    expect(toErrorState(new ForbiddenError())).toEqual({ status: "error", message: "You are not allowed to do that." });
    expect(toErrorState(new ConflictError("Already decided."))).toEqual({ status: "error", message: "Already decided." });
    expect(toErrorState(new ValidationError("Fix it.", { name: ["Too long."] }))).toEqual({
      status: "error",
      message: "Fix it.",
      errors: { name: ["Too long."] },
    });
  });

  it("replaces anything else by a reference id that is also logged, without the error's text", () => {
    const logged: string[] = [];
    const secret = new Error('duplicate key value violates unique constraint "users_pkey" at postgres://berth:s3cret@db:5432/berth');
    secret.stack = "Error: at /app/lib/db/client.ts:12";
    const state = toErrorState(secret, (line) => logged.push(line));
    expect(state.status).toBe("error");
    expect(state.message).toMatch(/^Something went wrong on our side\. Reference: [0-9a-f]{8}$/);
    expect(state.message).not.toMatch(/postgres|s3cret|users_pkey|client\.ts/);
    const ref = state.message?.split(": ")[1] ?? "";
    expect(logged[0]).toContain(`ref=${ref}`);
  });

  it("says a database outage changed nothing, with a reference id and no internals (THREATS 95)", () => {
    const outage = Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432 postgres://berth:s3cret@db"), { code: "ECONNREFUSED" });
    const state = toErrorState(outage, () => undefined);
    expect(state.message).toMatch(/^Berth's database could not be reached, so nothing was changed\. Please try again in a moment\. Reference: [0-9a-f]{8}$/);
    expect(state.message).not.toMatch(/s3cret|10\.0\.0\.5/);
  });
});
