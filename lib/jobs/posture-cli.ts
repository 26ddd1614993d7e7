// `npm run posture`: the installation's posture checks, once, for operators and CI. Prints each
// check with its state, reason and fix; exits 1 when one fails, 0 otherwise. Transitions are
// recorded and audited like the reconciler's.
import { db } from "@/lib/db/client";
import { RECONCILER_ACTOR } from "@/lib/cluster/reconciler";
import { checkPosture } from "@/lib/cluster/posture";

const MARK = { pass: "PASS   ", fail: "FAIL   ", unknown: "UNKNOWN" } as const;

try {
  const results = await checkPosture({ actor: RECONCILER_ACTOR, context: { requestId: "posture-cli" } });
  for (const check of results) {
    console.log(`${MARK[check.state]} ${check.title}`);
    console.log(`        ${check.detail}`);
    if (check.state !== "pass") console.log(`        Why: ${check.why}\n        Fix: ${check.fix}`);
  }
  await db.$disconnect();
  process.exit(results.some((check) => check.state === "fail") ? 1 : 0);
} catch (error) {
  console.error(`posture check failed: ${(error as Error).message}`);
  process.exit(2);
}
