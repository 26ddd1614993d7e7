import { describe, expect, it } from "vitest";
import { reservedNames } from "@/lib/config";
import { checkWorkspaceName } from "./name";

describe("checkWorkspaceName (THREATS 17: workspace names)", () => {
  it.each(["team-a", "a", "x1", "ml-research-2026", "a".repeat(63), "cube-lab", "authors", "dexter", "my-kubeflow"])("accepts %j", (name) => {
    expect(checkWorkspaceName(name, reservedNames({}))).toEqual({ ok: true, name });
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
    const result = checkWorkspaceName(name, reservedNames({}));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(rule);
  });
});

describe("reserved names and prefixes (THREATS 17)", () => {
  const builtIn = reservedNames({});

  it.each([
    ["kubeflow-pipelines", "kubeflow"],
    ["kubeflow-user-grace-example-com", "kubeflow"],
    ["kubeflowx", "kubeflow"],
    ["knative-serving", "knative-"],
    ["knative-eventing2", "knative-"],
    ["kube-node-lease", "kube-"],
    ["istio-gateways", "istio-"],
    ["cert-manager-webhook", "cert-manager"],
    ["openshift-monitoring", "openshift"],
    ["default-team", "default"],
  ])("refuses %j as under the reserved prefix %j, naming it", (name, prefix) => {
    expect(checkWorkspaceName(name, builtIn)).toEqual({
      ok: false,
      message: `"${name}" is reserved for the cluster's own namespaces (names starting with "${prefix}"); choose another name.`,
    });
  });

  it.each(["auth", "dex", "oauth2-proxy", "kserve", "berth"])("refuses the reserved name %j", (name) => {
    expect(checkWorkspaceName(name, builtIn)).toEqual({ ok: false, message: `"${name}" is reserved for the cluster's own namespaces; choose another name.` });
  });

  it.each([
    ["kubef1ow", "reserved prefix", "kubeflow"],
    ["kubeflovv", null, null],
    ["lstio-system", "reserved prefix", "istio-"],
    ["1stio-x", "reserved prefix", "istio-"],
    ["kub3-proxy", "reserved prefix", "kube-"],
    ["kubernetes-lab", null, null],
    ["knatlve-x", "reserved prefix", "knative-"],
    ["0penshift-x", "reserved prefix", "openshift"],
    ["def4ult", null, null],
    ["defau1t", "reserved prefix", "default"],
    ["d-ex", "reserved name", "dex"],
    ["b3rth", "reserved name", "berth"],
    ["kserv3", "reserved name", "kserve"],
  ])("folds %j before comparing with reserved names and prefixes", (name, what, value) => {
    const result = checkWorkspaceName(name, builtIn);
    if (what === null) return expect(result).toEqual({ ok: true, name });
    expect(result).toEqual({ ok: false, message: `"${name}" looks too much like the ${what} "${value}"; choose a clearly different name.` });
  });

  it("adds the site's own names and prefixes from BERTH_RESERVED_NAMES to the built-in ones", () => {
    const site = reservedNames({ BERTH_RESERVED_NAMES: "shared, platform-*" });
    expect(checkWorkspaceName("shared", site)).toMatchObject({ ok: false, message: expect.stringMatching(/is reserved/) });
    expect(checkWorkspaceName("platform-ops", site)).toMatchObject({ ok: false, message: expect.stringMatching(/names starting with "platform-"/) });
    expect(checkWorkspaceNameOk("shared-team", site)).toBe(true);
    expect(checkWorkspaceName("kube-system", site)).toMatchObject({ ok: false });
  });
});

const checkWorkspaceNameOk = (name: string, reserved: ReturnType<typeof reservedNames>) => checkWorkspaceName(name, reserved).ok;
