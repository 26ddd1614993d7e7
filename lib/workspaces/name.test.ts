import { describe, expect, it } from "vitest";
import { checkWorkspaceName } from "./name";

describe("checkWorkspaceName (THREATS 17: workspace names)", () => {
  it.each(["team-a", "a", "x1", "ml-research-2026", "a".repeat(63)])("accepts %j", (name) => {
    expect(checkWorkspaceName(name)).toEqual({ ok: true, name });
  });

  it.each([
    ["kube-system", /reserved/],
    ["kube-public", /reserved/],
    ["kubeflow", /reserved/],
    ["istio-system", /reserved/],
    ["default", /reserved/],
    ["cert-manager", /reserved/],
    ["auth", /reserved/],
    ["-a", /start and end/],
    ["a-", /start and end/],
    ["A", /lower case/],
    ["Team", /lower case/],
    ["a".repeat(64), /at most 63 characters/],
    ["a..b", /DNS-1123/],
    ["a.b", /DNS-1123/],
    ["../x", /DNS-1123/],
    ["team\n", /plain ASCII|DNS-1123/],
    ["", /Enter a workspace name/],
    ["tеam", /plain ASCII/], // Cyrillic "е"
    ["ｔeam", /plain ASCII/], // full-width "t"
    ["a_b", /DNS-1123/],
    ["a b", /DNS-1123/],
  ])("rejects %j with a message naming the rule", (name, rule) => {
    const result = checkWorkspaceName(name);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(rule);
  });
});
