import { describe, expect, it } from "vitest";
import { effectiveRoles } from "./role-freshness";

describe("effectiveRoles (THREATS 8: a demoted admin's old session)", () => {
  const signedInAt = 1_000_000;

  it("keeps the roles read at sign-in while they are fresh", () => {
    expect(effectiveRoles(["requester", "admin"], signedInAt, signedInAt + 600, 600)).toEqual({ roles: ["requester", "admin"], stale: [] });
  });

  it("drops privileged roles once the bound has passed, naming them as stale", () => {
    expect(effectiveRoles(["requester", "admin", "auditor"], signedInAt, signedInAt + 601, 600)).toEqual({
      roles: ["requester"],
      stale: ["admin", "auditor"],
    });
  });

  it("treats a missing or future verification time as stale, never as fresh", () => {
    expect(effectiveRoles(["requester", "admin"], Number.NaN, signedInAt, 600).roles).toEqual(["requester"]);
    expect(effectiveRoles(["requester", "admin"], signedInAt + 5_000, signedInAt, 600).roles).toEqual(["requester"]);
  });
});
