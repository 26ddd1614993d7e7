import { describe, expect, it } from "vitest";
import { nameSkeleton } from "./look-alike";

// The SQL twin of nameSkeleton is compared with it in name-free.int.test.ts.
describe("nameSkeleton (THREATS 17: look-alike names)", () => {
  it("folds '-' and digits that pass for letters, so look-alikes compare equal", () => {
    expect(nameSkeleton("team-a1")).toBe(nameSkeleton("teama-l"));
    expect(nameSkeleton("models-0")).toBe(nameSkeleton("modelso"));
    expect(nameSkeleton("data5et")).toBe(nameSkeleton("dataset"));
    expect(nameSkeleton("billing")).toBe(nameSkeleton("b1ll1ng"));
    expect(nameSkeleton("kubef1ow")).toBe(nameSkeleton("kubeflow"));
    expect(nameSkeleton("lstio-system")).toBe(nameSkeleton("istio-system"));
  });

  it("reads 'rn' as 'm', also across a '-'", () => {
    expect(nameSkeleton("churn")).toBe(nameSkeleton("chum"));
    expect(nameSkeleton("rnodels")).toBe(nameSkeleton("models"));
    expect(nameSkeleton("r-nodels")).toBe(nameSkeleton("models"));
  });

  it("keeps names that differ in substance apart", () => {
    expect(nameSkeleton("team-a")).not.toBe(nameSkeleton("team-b"));
    expect(nameSkeleton("churn")).not.toBe(nameSkeleton("chur"));
    expect(nameSkeleton("rain")).not.toBe(nameSkeleton("main"));
  });
});
