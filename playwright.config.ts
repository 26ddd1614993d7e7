// End-to-end tests against a production build of Berth with all local stand-ins, started
// fresh for the run. Personas sign in once through the Dex stand-in's login form.
import { defineConfig } from "@playwright/test";
import { E2E_MAX_OPEN_REQUESTS } from "./e2e/support/limits";
import { E2E_METRICS_TOKEN } from "./e2e/support/metrics";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// Per port, so that several checkouts on one machine can run their suites side by side.
export const E2E_DATA_DIR = `.data/e2e-${PORT}`;

// Specs create what they need under names of their own (e2e/support/workspaces.ts), so none depends
// on another having run. To check that, E2E_FULLY_PARALLEL=1 makes every test its own unit of
// scheduling (still one worker): then `--shuffle[=seed]` runs single tests in a random order across
// files, and `--shard=1/2` / `--shard=2/2` may split anywhere, even inside a file. Unset: files run
// in order, tests in the order they are written.
const EACH_TEST_ALONE = process.env.E2E_FULLY_PARALLEL === "1";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: EACH_TEST_ALONE,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Root in CI needs --no-sandbox; the rest keeps Chromium off the (closed) network.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", testMatch: /.*\.spec\.ts/, dependencies: ["setup"] },
  ],
  webServer: {
    command: `rm -rf ${E2E_DATA_DIR} && tsx dev/stack.ts start`,
    url: `http://localhost:${PORT}/api/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    // The suite's personas hold more requests and workspaces than a person would; the limits' rules are
    // covered by integration tests (lib/workspaces/request-policy.int.test.ts), the message by approvals.spec.ts.
    env: {
      PORT: String(PORT),
      BERTH_DATA_DIR: E2E_DATA_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      BERTH_REQUEST_RATE_LIMIT: "1000",
      BERTH_MAX_OPEN_REQUESTS: String(E2E_MAX_OPEN_REQUESTS),
      BERTH_MAX_ACTIVE_WORKSPACES: "50",
      // Renewal opens this long before the end date: the suite's 30-day workspaces are inside the window at once
      // (the window's rules are covered by lib/workspaces/expiry.int.test.ts).
      BERTH_EXPIRY_NOTICE_DAYS: "60",
      // The personas sign in once, at the start: on a loaded machine the suite runs longer than the default
      // 10-minute role bound, after which every admin page would ask them to confirm. The specs of the bound
      // itself (role-confirmation, forms) use sessions confirmed an hour ago, still beyond this one.
      BERTH_ROLE_TTL_SECONDS: "1800",
      // The personas act faster than people; the limits' rules are covered by lib/operations/rate-limit.int.test.ts.
      BERTH_CHANGE_RATE_LIMIT: "1000",
      BERTH_EXPORT_RATE_LIMIT: "1000",
      // A signed audit checkpoint on every reconciler pass with new events, so "Prove this event" has one to prove against.
      BERTH_AUDIT_CHECKPOINT_EVERY: "1",
      // /api/metrics is served, so the authorization matrix shows that no session opens it (THREATS 88).
      BERTH_METRICS_TOKEN: E2E_METRICS_TOKEN,
      // One JSON line per request and change would drown the suite's output (the log has its own tests).
      BERTH_LOG_LEVEL: "warn",
    },
  },
});
