import { describe, expect, it } from "vitest";
import { groupsFromClaim, MAX_SESSION_GROUPS, rolesFromGroups } from "./roles";

const config = { adminGroups: ["kubeflow-admins"], auditorGroups: ["kubeflow-auditors"] };

describe("rolesFromGroups (THREATS 13: deny by default)", () => {
  it("gives everyone signed in the requester role and nothing more", () => {
    expect(rolesFromGroups(["data-scientists"], config)).toEqual(["requester"]);
  });

  it.each([undefined, null, "kubeflow-admins", {}, 42, [42, null]])("treats a missing or malformed claim %j as no groups", (groups) => {
    expect(rolesFromGroups(groups, config)).toEqual(["requester"]);
  });

  it("grants admin and auditor only for the exact configured groups", () => {
    expect(rolesFromGroups(["kubeflow-admins"], config)).toEqual(["requester", "admin"]);
    expect(rolesFromGroups(["kubeflow-auditors"], config)).toEqual(["requester", "auditor"]);
    expect(rolesFromGroups(["Kubeflow-Admins", "kubeflow-admins-x", " kubeflow-admins"], config)).toEqual(["requester"]);
  });

  it("never grants admin when no admin group is configured", () => {
    expect(rolesFromGroups([""], { adminGroups: [], auditorGroups: [] })).toEqual(["requester"]);
  });
});

describe("groupsFromClaim: the groups a session keeps for group grants", () => {
  it("keeps Dex's strings as sent, once each, and drops anything else", () => {
    expect(groupsFromClaim(["ml-team", "ML-Team", "ml-team", 7, "", "x".repeat(257)])).toEqual(["ml-team", "ML-Team"]);
    expect(groupsFromClaim(undefined)).toEqual([]);
  });
  it("answers null when there are too many to keep whole, so no decision relies on a cut list", () => {
    const many = Array.from({ length: MAX_SESSION_GROUPS + 1 }, (_, i) => `g${i}`);
    expect(groupsFromClaim(many)).toBeNull();
    expect(groupsFromClaim(many.slice(1))).toHaveLength(MAX_SESSION_GROUPS);
  });
});
