import { describe, expect, it } from "vitest";
import { rolesFromGroups } from "./roles";

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
