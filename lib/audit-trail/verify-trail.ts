// The auditor's head download and check: the role check around head.ts. Verification itself
// is a job (verify-job.ts).
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { defineOperation, noInput } from "@/lib/operations/define-operation";
import { checkExportedHead, parseExportedHead, type HeadCheck } from "./head";

export interface HeadExport {
  seq: string;
  hash: string;
  at: string;
}

/** The current head, to be kept outside Berth and checked again later. */
export const exportHead = defineOperation({
  name: "audit.export-head",
  title: "exporting the audit chain head",
  roles: ["auditor", "admin"],
  input: noInput,
  audit: [],
  rateLimit: "export",
  run: async (): Promise<HeadExport> => {
    const head = await db.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    return { seq: head.seq.toString(), hash: head.hash, at: new Date().toISOString() };
  },
});

export const checkHead = defineOperation({
  name: "audit.check-head",
  title: "checking an exported audit head",
  roles: ["auditor", "admin"],
  // The pasted text as it is: parseExportedHead says what is wrong with it.
  input: z.strictObject({ head: z.string() }),
  audit: [],
  rateLimit: "export",
  run: (_ctx, { head }): Promise<HeadCheck> => checkExportedHead(db, parseExportedHead(head)),
});
