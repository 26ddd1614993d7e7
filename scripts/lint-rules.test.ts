// The boundaries hold only if lint really fails on a violation: each case lints one line of
// code as if it stood in the named file, with the project's own configuration.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith("berth/")).map((m) => `${m.ruleId}: ${m.message}`);
}

// The first lint loads the whole configuration (TypeScript parser included): slow on a busy machine.
describe("layer boundaries (scripts/layers.js)", { timeout: 60_000 }, () => {
  it.each([
    ["lib/kube/profiles.ts", 'import { x } from "@/lib/workspaces/decide";', "lib/kube must not import lib/workspaces"],
    ["lib/model/roles.ts", 'import { x } from "@/lib/config";', "lib/model must not import lib/config"],
    ["lib/audit/record.ts", 'import { x } from "../auth/session";', "lib/audit must not import lib/auth"],
    ["lib/workspaces/decide.ts", 'import { x } from "@/lib/cluster/drift";', "lib/workspaces must not import lib/cluster"],
    ["lib/db/client.ts", 'import { x } from "@/lib/kube/client";', "lib/db must not import lib/kube"],
    ["lib/tiers/admin.ts", 'export { x } from "@/lib/workspaces/request";', "lib/tiers must not import lib/workspaces"],
    ["lib/jobs/loop.ts", 'const m = await import("@/app/(admin)/admin/requests/actions");', "lib/jobs must not import app/"],
    ["lib/workspaces/decide.ts", 'import { x } from "@/components/ui/styles";', "lib/workspaces must not import components/"],
    ["components/shell/app-shell.tsx", 'import { x } from "@/app/(auth)/signin/actions";', "components/ must not import app/"],
    ["lib/newfolder/thing.ts", 'import { x } from "@/lib/db/client";', "lib/newfolder is in no layer"],
  ])("%s: %s is refused", async (file, code, expected) => {
    expect((await problems(file, code)).join("\n")).toContain(expected);
  });

  it.each([
    ["lib/workspaces/decide.ts", 'import { x } from "@/lib/reconcile/provision";'],
    ["lib/cluster/adopt.ts", 'import { x } from "@/lib/workspaces/admin-schemas";'],
    ["lib/kube/profiles.ts", 'import { x } from "./client";'],
    ["lib/audit/record.ts", 'import { x } from "@/lib/model/audit-event";'],
  ])("%s: %s is allowed", async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});

describe("settings are read only in lib/config.ts", { timeout: 60_000 }, () => {
  it.each(["lib/kube/client.ts", "app/api/readyz/route.ts", "components/ui/styles.ts", "proxy.ts", "instrumentation.ts"])(
    "process.env in %s is refused",
    async (file) => {
      expect(await problems(file, "export const t = process.env.BERTH_KUBE_TIMEOUT_MS;")).toEqual([
        "berth/settings-only-in-config: Read settings through lib/config.ts, which validates them; process.env is read nowhere else.",
      ]);
    },
  );

  it("Next's build-time constant NEXT_RUNTIME may be read where the bundler needs the literal check", async () => {
    expect(await problems("instrumentation.ts", 'export const node = process.env.NEXT_RUNTIME === "nodejs";')).toEqual([]);
    expect((await problems("instrumentation.ts", "export const { NEXT_RUNTIME } = process.env;")).length).toBe(1);
  });

  it("lib/config.ts may read it", async () => {
    expect(await problems("lib/config.ts", "export const t = process.env.BERTH_KUBE_TIMEOUT_MS;")).toEqual([]);
  });
});
