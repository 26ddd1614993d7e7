// Fails on purpose, and only when scripts/integration-exit-code.test.ts runs it: that test checks
// that a failing integration suite makes its runner exit non-zero (CI must be able to fail).
import { expect, it } from "vitest";

it.runIf(process.env.BERTH_EXIT_PROBE === "1")("fails on purpose", () => {
  expect("this probe").toBe("failing");
});
