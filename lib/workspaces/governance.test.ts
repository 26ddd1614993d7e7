// The policy table: every kind of change, asked by every kind of person (THREATS 7).
import { describe, expect, it } from "vitest";
import { govern, requirementOf, samePerson, type Change, type Parties, type TierRules } from "./governance";

const ada = { issuer: "https://dex.example.com", subject: "ada-sub", email: "ada@example.com" };
const grace = { issuer: "https://dex.example.com", subject: "grace-sub", email: "grace@example.com" };
const katherine = { issuer: "https://dex.example.com", subject: "kat-sub", email: "katherine@example.com" };

const oneApproval: TierRules = { approvalsRequired: 1, hard: { "requests.cpu": "4", pods: "20" }, maxHard: { "requests.cpu": "8", pods: "50" } };
const twoApprovals: TierRules = { ...oneApproval, approvalsRequired: 2 };
const current = { "requests.cpu": "4", pods: "20" };
const adasWorkspace: Parties = { requester: ada, ownerEmail: ada.email };

describe("samePerson", () => {
  it.each([
    ["the same (issuer, subject)", ada, { ...ada, email: "other@example.com" }, true],
    ["the same email, case-folded, under a new issuer URL", ada, { issuer: "https://dex.example.com/", subject: "Cgdhz...", email: "ADA@Example.com" }, true],
    ["a connector id in sub but the same mailbox", ada, { ...ada, subject: "ada-sub\u0000ldap", email: " ada@example.com " }, true],
    ["another person", ada, grace, false],
    ["the same subject at another issuer, another email", ada, { issuer: "https://other.example.com", subject: "ada-sub", email: "x@example.com" }, false],
  ])("%s → %s", (_case, a, b, expected) => {
    expect(samePerson(a, b)).toBe(expected);
  });
});

describe("what a change needs", () => {
  const cases: [string, Change, TierRules, ReturnType<typeof requirementOf>["outcome"], number?][] = [
    ["a grant within the tier", { kind: "grant", hard: current }, oneApproval, "approvals", 1],
    ["a grant on a two-approval tier", { kind: "grant", hard: current }, twoApprovals, "approvals", 2],
    ["a grant above the maximum", { kind: "grant", hard: { ...current, pods: "51" } }, oneApproval, "approvals", 2],
    ["a grant with a key the tier lacks (GPUs on a CPU tier)", { kind: "grant", hard: { ...current, "requests.nvidia.com/gpu": "1" } }, oneApproval, "approvals", 2],
    ["a decrease", { kind: "quota", from: current, to: { "requests.cpu": "2", pods: "20" } }, oneApproval, "allowed"],
    ["no change", { kind: "quota", from: current, to: current }, twoApprovals, "allowed"],
    ["an increase within the maximum", { kind: "quota", from: current, to: { "requests.cpu": "8", pods: "20" } }, oneApproval, "approvals", 1],
    ["an increase on a two-approval tier", { kind: "quota", from: current, to: { "requests.cpu": "8", pods: "20" } }, twoApprovals, "approvals", 2],
    ["an increase above the maximum", { kind: "quota", from: current, to: { "requests.cpu": "1024", pods: "20" } }, oneApproval, "approvals", 2],
    ["a new key the tier lacks", { kind: "quota", from: current, to: { ...current, "requests.nvidia.com/gpu": "64" } }, oneApproval, "approvals", 2],
    ["a limit dropped (unlimited)", { kind: "quota", from: current, to: { "requests.cpu": "4" } }, oneApproval, "approvals", 2],
    ["a resume", { kind: "resume" }, oneApproval, "approvals", 1],
    ["an owner transfer", { kind: "transfer", toEmail: "katherine@example.com" }, oneApproval, "approvals", 1],
    ["a renewal on a one-approval tier", { kind: "renew" }, oneApproval, "allowed"],
    ["a renewal on a two-approval tier", { kind: "renew" }, twoApprovals, "approvals", 2],
    ["an adoption", { kind: "adopt", ownerEmail: "someone@example.com" }, oneApproval, "approvals", 1],
  ];
  it.each(cases)("%s", (_case, change, tier, outcome, required) => {
    const verdict = requirementOf(change, tier);
    expect(verdict.outcome).toBe(outcome);
    if (verdict.outcome === "approvals") expect(verdict.required).toBe(required);
  });

  it("names the keys above the maximum", () => {
    const verdict = requirementOf({ kind: "quota", from: current, to: { "requests.cpu": "16", pods: "20", "requests.nvidia.com/gpu": "8" } }, oneApproval);
    expect(verdict).toMatchObject({ outcome: "approvals", required: 2, aboveMaximum: ["requests.cpu", "requests.nvidia.com/gpu"] });
  });
});

describe("who may decide", () => {
  const powerful: Change[] = [
    { kind: "grant", hard: current },
    { kind: "quota", from: current, to: { ...current, pods: "40" } },
    { kind: "resume" },
    { kind: "transfer", toEmail: "katherine@example.com" },
    { kind: "renew" },
  ];

  it.each(powerful.filter((c) => c.kind !== "renew"))("the owner is refused for $kind", (change) => {
    expect(govern(ada, adasWorkspace, change, twoApprovals)).toMatchObject({ outcome: "refused", reason: expect.stringMatching(/own or requested/) });
  });

  it.each(powerful)("the owner is refused for $kind under another identity with the same mailbox", (change) => {
    const sameAdaNewIssuer = { issuer: "https://dex.example.com/v2", subject: "other-sub", email: "Ada@Example.com" };
    expect(govern(sameAdaNewIssuer, adasWorkspace, change, twoApprovals).outcome).toBe("refused");
  });

  it("the requester is refused even after the workspace moved to another owner", () => {
    expect(govern(ada, { requester: ada, ownerEmail: katherine.email }, { kind: "resume" }, oneApproval).outcome).toBe("refused");
  });

  it.each(powerful)("another admin may decide $kind", (change) => {
    expect(govern(grace, adasWorkspace, change, twoApprovals).outcome).not.toBe("refused");
  });

  it("the proposer of a change is not one of its deciders", () => {
    const proposed = { ...adasWorkspace, proposer: grace };
    expect(govern(grace, proposed, { kind: "quota", from: current, to: { ...current, pods: "40" } }, oneApproval)).toMatchObject({
      outcome: "refused",
      reason: expect.stringMatching(/You proposed this change/),
    });
    expect(govern(katherine, proposed, { kind: "quota", from: current, to: { ...current, pods: "40" } }, oneApproval).outcome).toBe("approvals");
  });

  it("nobody transfers a workspace to themselves, or adopts their own Profile", () => {
    expect(govern(grace, adasWorkspace, { kind: "transfer", toEmail: "GRACE@example.com" }, oneApproval)).toMatchObject({ outcome: "refused", reason: expect.stringMatching(/to yourself/) });
    expect(govern(grace, { requester: grace, ownerEmail: "grace@example.com" }, { kind: "adopt", ownerEmail: "grace@example.com" }, oneApproval).outcome).toBe("refused");
  });

  it("a decrease is allowed to anyone the operation lets in, the owner too (it gives no power)", () => {
    expect(govern(ada, adasWorkspace, { kind: "quota", from: current, to: { "requests.cpu": "1", pods: "5" } }, oneApproval).outcome).toBe("allowed");
  });
});

describe("group grants: a member of the group would grant it to themselves (THREATS 43)", () => {
  const access: Change = { kind: "access", beneficiaryGroup: "ml-team", adminRequired: false };
  const bo = { issuer: "https://dex.example.com", subject: "bo-sub", email: "bo@example.com" };
  const asked: Parties = { requester: bo, ownerEmail: ada.email };
  it.each([
    ["an admin in the group", { ...grace, groups: ["kubeflow-admins", "ml-team"] }, "refused"],
    ["an admin outside it", { ...grace, groups: ["kubeflow-admins"] }, "approvals"],
    ["an admin whose groups were not kept whole", { ...grace, groups: null }, "refused"],
    ["an admin from a session without groups", grace, "refused"],
    ["the owner, a member too (they have access already)", { ...ada, groups: ["ml-team"] }, "approvals"],
    ["a group named the same, but another case", { ...grace, groups: ["ML-Team"] }, "approvals"],
  ])("%s → %s", (_case, who, expected) => {
    expect(govern(who, asked, access, oneApproval).outcome).toBe(expected);
  });
});
