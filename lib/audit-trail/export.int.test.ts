// Exporting the filtered trail: streamed CSV and JSONL, escaped, audited, auditors/admins only.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ForbiddenError } from "@/lib/model/errors";
import { actor, uniqueName } from "@/test/fixtures";
import { exportAuditEvents } from "./export";
import { EXPORT_COLUMNS } from "./export-format";
import { parseAuditFilter } from "./filter";
import { recordAuditEvent } from "@/lib/audit/record";

async function seedFormulae(email: string) {
  const who = await actor(email);
  for (const reason of ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1", "-1", "@SUM(A1)", "plain \"quoted\""]) {
    await recordAuditEvent({ action: "workspace.rejected", result: "success", actor: who.actor, context: who.meta, reason });
  }
}

describe("audit export", () => {
  it("streams the filtered events as CSV with formula cells neutralised (THREATS 21)", async () => {
    const alan = await actor("alan.export@example.com", ["requester", "auditor"]);
    const email = `${uniqueName("csv")}@example.com`;
    await seedFormulae(email);
    const download = await exportAuditEvents(alan, { filter: parseAuditFilter({ actor: email }), format: "csv" });
    expect(download.contentType).toMatch(/^text\/csv/);
    const text = await new Response(download.body).text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(EXPORT_COLUMNS.map((c) => `"${c}"`).join(","));
    expect(lines).toHaveLength(6);
    expect(text).toContain('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    expect(text).toContain('"\'+1"');
    expect(text).toContain('"\'-1"');
    expect(text).toContain('"\'@SUM(A1)"');
    expect(text).toContain('"plain ""quoted"""');
    // Newest first, like the page.
    expect(lines[1]).toContain("plain");
  });

  it("streams JSONL across many keyset pages and records who exported which filter", async () => {
    const grace = await actor(`${uniqueName("grace-export")}@example.com`, ["requester", "admin"]);
    const email = `${uniqueName("jsonl")}@example.com`;
    const who = await actor(email);
    for (let i = 0; i < 1_200; i++) {
      await recordAuditEvent({ action: "auth.sign_in", result: "success", actor: who.actor, context: who.meta });
    }
    const download = await exportAuditEvents(grace, { filter: parseAuditFilter({ actor: email, action: "auth.sign_in" }), format: "jsonl" });
    const lines = (await new Response(download.body).text()).trimEnd().split("\n");
    expect(lines).toHaveLength(1_200);
    const seqs = lines.map((line) => BigInt((JSON.parse(line) as { seq: string }).seq));
    expect(seqs.every((seq, i) => i === 0 || seq < (seqs[i - 1] as bigint))).toBe(true);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "audit.exported", actorEmail: grace.actor.email } });
    expect(audit.after).toEqual({ format: "jsonl", filter: { actor: email, action: "auth.sign_in" } });
    expect(audit.actorRoles).toEqual(["requester", "admin"]);
    // 1,200 appends one after another, each through the database's append trigger, on a shared machine.
  }, 90_000);

  it("is refused to requesters, with nothing exported", async () => {
    const ada = await actor("ada.export@example.com");
    await expect(exportAuditEvents(ada, { filter: {}, format: "csv" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.auditEvent.count({ where: { action: "audit.exported", actorEmail: "ada.export@example.com" } })).toBe(0);
  });
});
