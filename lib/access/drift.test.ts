// Which RoleBinding and AuthorizationPolicy changes wake an access scan (THREATS 44).
import { describe, expect, it } from "vitest";
import { changeConcernsAccess } from "./drift";

describe("changes that concern access", () => {
  it("are contributor objects added or changed, by user or by group, and any deletion", () => {
    expect(changeConcernsAccess({ annotations: { role: "edit", user: "eve@example.com" } })).toBe(true);
    expect(changeConcernsAccess({ annotations: { role: "view", group: "data-team" } })).toBe(true);
    // Deleted: the object is gone, and a granted one may be among them.
    expect(changeConcernsAccess(undefined)).toBe(true);
  });

  it("leave out other RBAC churn: bindings without KFAM's role and subject annotations", () => {
    expect(changeConcernsAccess({})).toBe(false);
    expect(changeConcernsAccess({ annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}" } })).toBe(false);
    expect(changeConcernsAccess({ annotations: { role: "edit" } })).toBe(false);
  });
});
