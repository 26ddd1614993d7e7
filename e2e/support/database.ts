// The e2e stack's database, read as its owner (dev/stack.ts starts it under the data dir): for
// tests that check nothing changed behind an attacker's request.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { E2E_DATA_DIR } from "./data-dir";

export async function withDatabase<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  // postmaster.pid's fourth line is the port the server listens on.
  const port = Number(readFileSync(path.join(E2E_DATA_DIR, "postgres", "postmaster.pid"), "utf8").split("\n")[3]);
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password: "berth-dev", database: "berth" });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Everything a change could touch, except the audit trail (refusals are audited): one hash. */
export const STATE_FINGERPRINT = `SELECT md5(concat_ws('|',
  (SELECT string_agg(concat_ws(',', id, status, version, generation, hard::text, owner_email, blocked), ';' ORDER BY id) FROM workspaces),
  (SELECT string_agg(concat_ws(',', id, superseded_at), ';' ORDER BY id) FROM workspace_approvals),
  (SELECT string_agg(concat_ws(',', id, status), ';' ORDER BY id) FROM workspace_changes),
  (SELECT string_agg(concat_ws(',', id, version, retired_at), ';' ORDER BY id) FROM quota_tiers),
  (SELECT string_agg(concat_ws(',', id, session_epoch, email_verified), ';' ORDER BY id) FROM users)
)) AS fingerprint`;
