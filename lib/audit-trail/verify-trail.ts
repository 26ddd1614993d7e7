// The auditor's "Verify" page and head download: the role check around lib/audit/verify.ts
// and lib/audit/head.ts.
import "server-only";
import type { Ctx } from "@/lib/model/actor";
import { authorize } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import { checkExportedHead, parseExportedHead, type HeadCheck } from "./head";
import { AUDIT_READERS } from "./queries";
import { verifyAuditChain, type ChainReport } from "./chain-walk";

export async function verifyTrail(ctx: Ctx): Promise<ChainReport> {
  await authorize(ctx, [...AUDIT_READERS], { what: "verifying the audit trail" });
  return verifyAuditChain(db);
}

export interface HeadExport {
  seq: string;
  hash: string;
  at: string;
}

/** The current head, to be kept outside Berth and checked again later. */
export async function exportHead(ctx: Ctx): Promise<HeadExport> {
  await authorize(ctx, [...AUDIT_READERS], { what: "exporting the audit chain head" });
  const head = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
  return { seq: head.seq.toString(), hash: head.hash, at: new Date().toISOString() };
}

export async function checkHead(ctx: Ctx, text: string): Promise<HeadCheck> {
  await authorize(ctx, [...AUDIT_READERS], { what: "checking an exported audit head" });
  return checkExportedHead(db, parseExportedHead(text));
}
