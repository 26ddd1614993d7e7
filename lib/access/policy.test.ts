// The governance policy for contributor access: the owner or an admin decides, never whoever
// asked or would receive it; a tier may want an admin as well. And the access settings' checks.
import { describe, expect, it } from "vitest";
import { accessSettings } from "@/lib/config";
import { mayDecide, requirementOf } from "@/lib/workspaces/governance";

const tier = { approvalsRequired: 1, hard: {}, maxHard: null };
const person = (email: string) => ({ issuer: "dex", subject: `sub-${email}`, email });
const parties = { requester: person("bo@example.com"), ownerEmail: "ada@example.com" };

describe("access decisions (THREATS 43)", () => {
  it("lets the owner decide, but not the requester nor the beneficiary, case-folded", () => {
    const change = { kind: "access" as const, beneficiaryEmail: "Bo@Example.com", adminRequired: false };
    expect(mayDecide(person("ada@example.com"), parties, change)).toEqual({ ok: true });
    expect(mayDecide(person("BO@example.com"), parties, change).ok).toBe(false);
    const forCy = { ...change, beneficiaryEmail: "cy@example.com" };
    expect(mayDecide(person("CY@EXAMPLE.COM"), { ...parties, requester: person("ada@example.com") }, forCy).ok).toBe(false);
  });

  it("needs one decider, or two with an admin when the tier says so", () => {
    expect(requirementOf({ kind: "access", adminRequired: false }, tier)).toMatchObject({ outcome: "approvals", required: 1 });
    expect(requirementOf({ kind: "access", adminRequired: true }, tier)).toMatchObject({ outcome: "approvals", required: 2 });
  });
});

describe("access settings", () => {
  it("default to Kubeflow's header and prefix, and refuse a header that is no header name", () => {
    expect(accessSettings({})).toMatchObject({ userIdHeader: "kubeflow-userid", userIdPrefix: "", groupsHeader: "kubeflow-groups" });
    expect(() => accessSettings({ BERTH_USERID_HEADER: "x user" })).toThrow(/BERTH_USERID_HEADER must be an HTTP header name/);
    expect(() => accessSettings({ BERTH_GATEWAY_PRINCIPALS: " , " })).toThrow(/at least one principal/);
  });
});
