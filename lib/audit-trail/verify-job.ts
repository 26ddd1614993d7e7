// Verification of the whole trail, or of what came since the last verified checkpoint, as a
// job (THREATS 68): started by a POST (a server action), it runs in the background of this
// process, records its progress on its row for the page to show, and its outcome as an audit
// event. One run at a time; a page view never starts one.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Ctx } from "@/lib/model/actor";
import { ConflictError } from "@/lib/model/errors";
import { appendAuditEvent, recordAuditEvent } from "@/lib/audit/record";
import { defineOperation, noInput } from "@/lib/operations/define-operation";
import { log } from "@/lib/telemetry/logger";
import { verifyAuditChain } from "./chain-walk";
import { lastCheckpoint, type LastCheckpoint } from "./checkpoints";
import { logVerifier } from "./proofs";

export type VerifyKind = "full" | "incremental";

/** A run that has not moved for this long is shown as abandoned (its process stopped). */
export const ABANDONED_AFTER_MS = 10 * 60_000;

/** Where an incremental run starts: the last checkpoint a successful run reached. */
async function incrementalStart(): Promise<LastCheckpoint | null> {
  const last = await db.auditVerifyRun.findFirst({ where: { status: "intact", verifiedSize: { not: null } }, orderBy: { startedAt: "desc" } });
  return last?.verifiedSize ? lastCheckpoint(db, last.verifiedSize) : null;
}

async function runVerification(id: string, kind: VerifyKind, from: LastCheckpoint | null, ctx: Ctx): Promise<void> {
  let report;
  try {
    report = await verifyAuditChain(db, {
      from,
      verifier: logVerifier(),
      onProgress: async (checked) => {
        await db.auditVerifyRun.update({ where: { id }, data: { checked } });
      },
    });
  } catch (error) {
    log.error("audit verification failed", { verificationId: id, error });
    report = { intact: false as const, count: 0, firstBadSeq: "0", problem: "the verification could not finish (see the server log)" };
  }
  await db.auditVerifyRun.update({
    where: { id },
    data: report.intact
      ? { status: "intact", finishedAt: new Date(), checked: BigInt(report.count), verifiedSize: BigInt(report.headSeq) }
      : { status: "broken", finishedAt: new Date(), problem: `event ${report.firstBadSeq}: ${report.problem}` },
  });
  await recordAuditEvent({
    action: "audit.verified",
    result: report.intact ? "success" : "failure",
    actor: ctx.actor,
    context: ctx.meta,
    target: { type: "audit_trail", id },
    after: report.intact
      ? { kind, fromSize: from?.treeSize.toString() ?? "0", events: report.count, headSeq: report.headSeq, checkpoints: report.checkpoints }
      : { kind, fromSize: from?.treeSize.toString() ?? "0", firstBadSeq: report.firstBadSeq, problem: report.problem },
  });
}

export const startVerification = defineOperation({
  name: "audit.verify-start",
  title: "starting a verification of the audit trail",
  roles: ["auditor", "admin"],
  input: z.strictObject({ kind: z.enum(["full", "incremental"]) }),
  audit: ["audit.verify_started"],
  // A full walk reads the whole trail: limited like an export, not like an ordinary change (THREATS 70).
  rateLimit: "export",
  run: async (ctx, { kind }): Promise<{ id: string; finished: Promise<void> }> => {
    const running = await db.auditVerifyRun.findFirst({ where: { status: "running", startedAt: { gt: new Date(Date.now() - ABANDONED_AFTER_MS) } } });
    if (running) throw new ConflictError("A verification is already running; its progress is shown below.");
    const from = kind === "incremental" ? await incrementalStart() : null;
    const id = randomUUID();
    await db.$transaction(async (tx) => {
      const head = await tx.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
      const fromSize = from?.treeSize ?? 0n;
      await tx.auditVerifyRun.create({ data: { id, kind, status: "running", startedBy: ctx.actor.email, fromSize, total: head.seq - fromSize } });
      await appendAuditEvent(tx, {
        action: "audit.verify_started",
        result: "success",
        actor: ctx.actor,
        context: ctx.meta,
        target: { type: "audit_trail", id },
        after: { kind, fromSize: fromSize.toString(), headSeq: head.seq.toString() },
      });
    });
    // Not awaited: the POST returns at once and the page follows the run's row.
    const finished = runVerification(id, kind, from, ctx).catch((error: unknown) => log.error("audit verification failed", { verificationId: id, requestId: ctx.meta.requestId, error }));
    return { id, finished };
  },
});

export interface VerifyRunView {
  id: string;
  kind: string;
  status: "running" | "intact" | "broken" | "abandoned";
  startedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  fromSize: string;
  checked: string;
  total: string;
  verifiedSize: string | null;
  problem: string | null;
}

export const listVerifications = defineOperation({
  name: "audit.verify-runs",
  title: "viewing audit verifications",
  roles: ["auditor", "admin"],
  input: noInput,
  audit: [],
  run: async (): Promise<VerifyRunView[]> => {
    const runs = await db.auditVerifyRun.findMany({ orderBy: { startedAt: "desc" }, take: 10 });
    return runs.map((run) => ({
      ...run,
      status: run.status === "running" && Date.now() - run.startedAt.getTime() > ABANDONED_AFTER_MS ? "abandoned" : (run.status as VerifyRunView["status"]),
      fromSize: run.fromSize.toString(),
      checked: run.checked.toString(),
      total: run.total.toString(),
      verifiedSize: run.verifiedSize?.toString() ?? null,
    }));
  },
});
