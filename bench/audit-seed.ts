// `npm run bench:seed-audit [-- --count N]`: fills the benchmark database with N (default
// 1,000,000) realistic, correctly chained audit events, written in bulk as the schema owner
// with the append and head triggers switched off for the load (the app's path assigns each
// event's position and hash in the database, one lock per event; this is a one-off load whose
// hashes bench/audit-events-generator.ts computes with the same hashEvent()). Skips when the
// database already holds at least N events.
import { pathToFileURL } from "node:url";
import pg from "pg";
import { generateEvents, type SeedRow } from "./audit-events-generator";
import { startBenchDatabase } from "./bench-db";

export const DEFAULT_COUNT = 1_000_000;
const BATCH = 5_000;

const INSERT = `
  INSERT INTO audit_events (seq, occurred_at, actor_issuer, actor_subject, actor_email, actor_name, actor_roles,
    action, target_type, target_id, target_name, before, after, reason, result, error_code, request_id,
    client_address, user_agent, kube_audit_id, prev_hash, hash)
  SELECT seq, occurred_at, actor_issuer, actor_subject, actor_email, actor_name, actor_roles::text[],
    action, target_type, target_id, target_name, before::jsonb, after::jsonb, reason, result, error_code, request_id,
    client_address, user_agent, kube_audit_id, prev_hash, hash
  FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
    $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[],
    $18::text[], $19::text[], $20::text[], $21::text[], $22::text[])
    AS t(seq, occurred_at, actor_issuer, actor_subject, actor_email, actor_name, actor_roles,
    action, target_type, target_id, target_name, before, after, reason, result, error_code, request_id,
    client_address, user_agent, kube_audit_id, prev_hash, hash)`;

const pgArray = (items: string[]) => `{${items.map((item) => `"${item.replaceAll('"', '\\"')}"`).join(",")}}`;
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

function columns(rows: SeedRow[]): unknown[] {
  return [
    rows.map((r) => r.seq.toString()),
    rows.map((r) => r.occurredAt.toISOString()),
    rows.map((r) => r.actorIssuer),
    rows.map((r) => r.actorSubject),
    rows.map((r) => r.actorEmail),
    rows.map((r) => r.actorName),
    rows.map((r) => pgArray(r.actorRoles)),
    rows.map((r) => r.action),
    rows.map((r) => r.targetType),
    rows.map((r) => r.targetId),
    rows.map((r) => r.targetName),
    rows.map((r) => json(r.before)),
    rows.map((r) => json(r.after)),
    rows.map((r) => r.reason),
    rows.map((r) => r.result),
    rows.map((r) => r.errorCode),
    rows.map((r) => r.requestId),
    rows.map((r) => r.clientAddress),
    rows.map((r) => r.userAgent),
    rows.map((r) => r.kubeAuditId),
    rows.map((r) => r.prevHash),
    rows.map((r) => r.hash),
  ];
}

/** Seeds `count` events into an empty trail at `ownerUrl`; returns how many the trail holds. */
export async function seedAuditEvents(ownerUrl: string, count = DEFAULT_COUNT, log = console.log): Promise<number> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ seq: string }>("SELECT seq FROM audit_chain_head WHERE id = 1");
    const existing = Number(rows[0]?.seq ?? 0);
    if (existing >= count) return existing;
    if (existing > 0) throw new Error(`the benchmark trail holds ${existing} events, fewer than ${count}: remove ${"the bench data dir"} and seed again`);
    const started = Date.now();
    await client.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append");
    await client.query("ALTER TABLE audit_chain_head DISABLE TRIGGER audit_chain_head_guard");
    let batch: SeedRow[] = [];
    let last: SeedRow | undefined;
    const flush = async () => {
      await client.query(INSERT, columns(batch));
      last = batch.at(-1);
      batch = [];
    };
    for (const row of generateEvents(count)) {
      batch.push(row);
      if (batch.length === BATCH) {
        await flush();
        if (Number(last?.seq) % 100_000 === 0) log(`  ${last?.seq} events (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    }
    if (batch.length) await flush();
    if (last) {
      await client.query("UPDATE audit_chain_head SET seq = $1, hash = $2, occurred_at = $3 WHERE id = 1", [last.seq.toString(), last.hash, last.occurredAt]);
    }
    await client.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append");
    await client.query("ALTER TABLE audit_chain_head ENABLE TRIGGER audit_chain_head_guard");
    await client.query("VACUUM ANALYZE audit_events");
    log(`seeded ${count} events in ${Math.round((Date.now() - started) / 1000)} s`);
    return count;
  } finally {
    await client.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const countIndex = process.argv.indexOf("--count");
  const count = countIndex > 0 ? Number(process.argv[countIndex + 1]) : DEFAULT_COUNT;
  const database = await startBenchDatabase();
  try {
    await seedAuditEvents(database.url, count);
  } finally {
    await database.stop();
  }
}
