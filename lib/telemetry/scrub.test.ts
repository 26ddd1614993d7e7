import { describe, expect, it } from "vitest";
import { REMOVED, scrub, scrubText } from "./scrub";

describe("scrub (THREATS 87: no secrets in the log)", () => {
  it("replaces the values of secret-sounding keys at any depth, keeping harmless ones", () => {
    const out = scrub({
      requestId: "r-1",
      state: "eyJhbGciOiJkaXIifQ.abc",
      nested: { code: "4/0AbCd", cookie: "authjs.session-token=xyz", password: "berth", Authorization: "Bearer abc" },
      statusCode: 400,
      errorCode: "invalid",
      list: [{ id_token: "t" }],
    });
    expect(out).toEqual({
      requestId: "r-1",
      state: REMOVED,
      nested: { code: REMOVED, cookie: REMOVED, password: REMOVED, Authorization: REMOVED },
      statusCode: 400,
      errorCode: "invalid",
      list: [{ id_token: REMOVED }],
    });
  });

  it("cuts secrets out of text: OAuth parameters, bearer tokens, JWTs, Auth.js cookies", () => {
    const text = scrubText(
      "GET /api/auth/callback/dex?code=SECRETCODE&state=SECRETSTATE&iss=x Authorization: Bearer SECRETTOKEN " +
        "jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl cookie authjs.pkce.code_verifier=SECRETVERIFIER; " +
        'details {"state":"SECRETSTATE2"} encoded state%3DSECRETSTATE3',
    );
    for (const secret of ["SECRETCODE", "SECRETSTATE", "SECRETTOKEN", "eyJzdWIiOiIxIn0", "SECRETVERIFIER", "SECRETSTATE2", "SECRETSTATE3"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("iss=x");
  });

  it("turns errors into plain objects, scrubbing message, stack and cause; cuts cycles", () => {
    const error = new Error("bad state=SECRET", { cause: new URLSearchParams({ code: "SECRETCODE" }) });
    const cyclic: Record<string, unknown> = { name: "x" };
    cyclic.self = cyclic;
    const out = scrub({ error, cyclic }) as { error: { message: string; cause: string; stack: string }; cyclic: { self: unknown } };
    expect(out.error.message).toBe(`bad state=${REMOVED}`);
    expect(out.error.cause).toBe(`code=${REMOVED}`);
    expect(out.error.stack).not.toContain("SECRET");
    expect(out.cyclic.self).toBe("[…]");
  });
});
