// `npm run jobs`: runs the workflow's periodic jobs once (expiry, notices, webhook delivery).
// Schedule it (cron, a Kubernetes CronJob) or call runWorkflowJobs from an in-app loop.
import { db } from "@/lib/db/client";
import { runWorkflowJobs } from "./workflow-jobs";

try {
  const report = await runWorkflowJobs();
  console.log(JSON.stringify(report));
} catch (error) {
  console.error("[berth] workflow jobs failed", error);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
