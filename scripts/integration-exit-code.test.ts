// The integration suite's global setup starts embedded PostgreSQL, whose exit hooks once turned a
// failing run into exit code 0 (test/integration-setup.ts). A failing suite must fail `npm test`.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("the integration runner", () => {
  it("exits non-zero when a test fails", { timeout: 120_000 }, () => {
    const run = spawnSync("npx", ["vitest", "run", "--project", "integration", "scripts/exit-code-probe.int.test.ts"], {
      env: { ...process.env, BERTH_EXIT_PROBE: "1" },
      encoding: "utf8",
    });
    expect(run.stdout + run.stderr).toMatch(/1 failed/);
    expect(run.status).toBe(1);
  });
});
