// `npm run reconcile`: one reconciler pass for operators (`--watch` to keep going). It takes the
// same lock as the app's replicas, so it never runs alongside them.
import { db } from "@/lib/db/client";
import { startReconcilerLoop } from "./loop";
import { reconcileIfLeader } from "@/lib/cluster/reconciler";

if (process.argv.includes("--watch")) {
  const stop = startReconcilerLoop();
  const end = () => void stop().then(() => db.$disconnect()).then(() => process.exit(0));
  process.on("SIGINT", end);
  process.on("SIGTERM", end);
  setInterval(() => undefined, 1 << 30);
} else {
  try {
    const report = await reconcileIfLeader();
    if (report === "not-leader") console.log("Another reconciler holds the lock; nothing done.");
    else console.log(JSON.stringify(report, null, 2));
    await db.$disconnect();
    process.exit(report !== "not-leader" && report.scanError ? 1 : 0);
  } catch (error) {
    // Operators get the cause in one line, not a stack.
    console.error(`reconcile failed: ${(error as Error).message}`);
    process.exit(2);
  }
}
