// `npm run jobs`: runs the workflow's periodic jobs once (expiry, notices, webhook delivery,
// a signed audit checkpoint when one is due).
// Schedule it (cron, a Kubernetes CronJob) or call runWorkflowJobs from an in-app loop.
import { db } from "@/lib/db/client";
import { makeCheckpoint } from "@/lib/audit-trail/checkpoints";
import { runWorkflowJobs } from "./workflow-jobs";

try {
  const report = await runWorkflowJobs();
  console.log(JSON.stringify(report));
  const checkpoint = await makeCheckpoint(db);
  console.log(JSON.stringify(checkpoint, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)));
} catch (error) {
  console.error("[berth] workflow jobs failed", error);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
