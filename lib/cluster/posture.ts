// The posture of the installation: the checks run by the reconciler, the admin page and
// `npm run posture`; each check's last decisive state (pass or fail) kept in posture_checks, so a
// failure is audited once when it starts and once when it recovers. An unknown answer changes nothing.
import "server-only";
import { appendAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { Ctx } from "@/lib/model/actor";
import { defineOperation, noInput } from "@/lib/operations/define-operation";
import type { Attempter } from "@/lib/reconcile/provision";
import { runPostureChecks, type PostureResult } from "./posture-checks";
import { scanCluster, type ClusterScan } from "./scan";

/** Records each decisive result; audits a check that starts failing or recovers. */
export async function recordPosture(by: Attempter, results: PostureResult[], now = new Date()): Promise<void> {
  const decisive = results.filter((r) => r.state !== "unknown");
  if (decisive.length === 0) return;
  const stored = new Map((await db.postureCheck.findMany({ where: { id: { in: decisive.map((r) => r.id) } } })).map((row) => [row.id, row]));
  for (const check of decisive) {
    const before = stored.get(check.id);
    if (before?.state === check.state) {
      if (before.detail !== check.detail) await db.postureCheck.updateMany({ where: { id: check.id, state: check.state }, data: { detail: check.detail, checkedAt: now } });
      continue;
    }
    // A first pass that passes is not news; a first failure is.
    const audited = check.state === "fail" || before?.state === "fail";
    await db.$transaction(async (tx) => {
      const changed = before
        ? (await tx.postureCheck.updateMany({ where: { id: check.id, state: before.state }, data: { state: check.state, detail: check.detail, checkedAt: now, changedAt: now } })).count
        : (await tx.postureCheck.createMany({ data: [{ id: check.id, state: check.state, detail: check.detail, checkedAt: now, changedAt: now }], skipDuplicates: true })).count;
      // Conditional on the state we read, so two replicas audit one transition once.
      if (changed !== 1 || !audited) return;
      await appendAuditEvent(tx, {
        action: check.state === "fail" ? "cluster.posture_failed" : "cluster.posture_recovered",
        result: check.state === "fail" ? "failure" : "success",
        actor: by.actor,
        context: by.context,
        target: { type: "posture", name: check.id },
        before: { state: before?.state ?? null },
        after: { state: check.state, detail: check.detail },
        reason: check.title,
      });
    });
  }
}

/** One posture pass: reuses the reconcile pass's scan when there is one. */
export async function checkPosture(by: Attempter, scan?: ClusterScan | Error): Promise<PostureResult[]> {
  const seen = scan ?? (await scanCluster(by).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
  const results = await runPostureChecks(seen);
  await recordPosture(by, results);
  return results;
}

export const getPosture = defineOperation({
  name: "cluster.read-posture",
  title: "checking the installation's posture",
  roles: ["admin"],
  input: noInput,
  audit: [],
  run: (ctx: Ctx) => checkPosture({ actor: ctx.actor, context: ctx.meta }),
});

export interface FailingCheck {
  id: string;
  detail: string;
  since: Date;
}

/** For the admins' banner: the checks whose last decisive answer was a failure (database only). */
export const listFailingPosture = defineOperation({
  name: "cluster.list-failing-posture",
  title: "reading failing posture checks",
  roles: ["admin"],
  input: noInput,
  audit: [],
  run: async (): Promise<FailingCheck[]> =>
    (await db.postureCheck.findMany({ where: { state: "fail" }, orderBy: { id: "asc" } })).map((row) => ({ id: row.id, detail: row.detail, since: row.changedAt })),
});
