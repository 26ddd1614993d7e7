// Approve, end to end through the domain function (authorize, one transition with its audit
// event, the server-side apply, the outcome recorded), against the raw cost of its parts
// measured in the same run: one database transaction and one server-side apply.
// Target: approve p95 within 1.5× of the parts' p95.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres } from "../dev/db/embedded-postgres";
import { migrate } from "../lib/db/migrate";
import { percentile } from "./stats";

// Its own database: the audit benchmark's trail must hold exactly what its seeder wrote.
const DATA_DIR = path.resolve(".data/bench-approve");

// Enough that the p95 is not decided by a handful of samples on a busy two-core machine.
const RUNS = Number(process.env.BENCH_APPROVE_RUNS ?? 400);
const WARMUP = 10;

/**
 * The API stand-in in a process of its own, as a real API server is: its work (TLS, JSON, apply
 * merges) is not done on the event loop being measured.
 */
async function startStandInProcess(kubeconfigPath: string): Promise<{ stop(): Promise<void> }> {
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["dev/kube-api/cli.ts", "--kubeconfig", kubeconfigPath], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the API stand-in exited (${code})`)));
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("listening on")) resolve();
    });
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill();
      }),
  };
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? Number.NaN };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function approveBenchmark(log: (line: string) => void): Promise<string> {
  await rm(DATA_DIR, { recursive: true, force: true });
  const database = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "postgres"), log: console.error });
  await migrate(database.url, { appRole: "berth_app" });
  const kube = await startStandInProcess(path.join(DATA_DIR, "kubeconfig"));
  process.env.DATABASE_URL = database.appUrl;
  process.env.KUBECONFIG = path.join(DATA_DIR, "kubeconfig");
  // One admin approves far faster than a person could: the per-person limit is not what is measured.
  process.env.BERTH_CHANGE_RATE_LIMIT = "1000000";
  try {
    // Imported only now: the database client and the Kubernetes client read their configuration on first use.
    const { db } = await import("../lib/db/client");
    const { appendAuditEvent } = await import("../lib/audit/record");
    const { applyProfile, buildProfile } = await import("../lib/kube/profiles");
    const { requestWorkspace } = await import("../lib/workspaces/request");
    const { approveWorkspace } = await import("../lib/workspaces/decide");

    const ctxFor = async (email: string, roles: ("requester" | "admin")[]) => {
      const issuer = "bench";
      const subject = `bench-${email}`;
      const user = await db.user.upsert({
        where: { issuer_subject: { issuer, subject } },
        create: { issuer, subject, email, emailVerified: true, name: email, lastRoles: roles },
        update: {},
        select: { id: true },
      });
      return { actor: { userId: user.id, issuer, subject, email, name: email, roles }, meta: { requestId: randomUUID() } };
    };
    const admin = await ctxFor("bench-admin@example.com", ["requester", "admin"]);
    const total = RUNS + WARMUP;
    log(`approve: preparing ${total} requests`);
    const ids: string[] = [];
    for (let i = 0; i < total; i++) {
      // Many requesters: per-user limits must not get in the way of the measurement.
      const requester = await ctxFor(`bench-requester-${i}-${randomUUID().slice(0, 6)}@example.com`, ["requester"]);
      const { id } = await requestWorkspace(requester, { name: `bench-${randomUUID().slice(0, 12)}`, tier: "small-cpu", reason: "benchmark" });
      ids.push(id);
    }

    const approve: number[] = [];
    const parts: number[] = [];
    const transactions: number[] = [];
    const applies: number[] = [];
    for (let i = 0; i < total; i++) {
      const id = ids[i] as string;
      const approveMs = await timed(() => approveWorkspace(admin, { workspaceId: id }));
      // The raw parts, on a fresh name each time so the apply creates, as an approval's does.
      const name = `raw-${randomUUID().slice(0, 12)}`;
      const txMs = await timed(() =>
        db.$transaction(async (tx) => {
          await tx.workspace.updateMany({ where: { id }, data: { version: { increment: 1 } } });
          await appendAuditEvent(tx, { action: "workspace.approved", result: "success", actor: admin.actor, context: admin.meta });
        }),
      );
      const applyMs = await timed(() =>
        applyProfile(
          buildProfile({
            workspaceId: randomUUID(),
            name,
            ownerEmail: "bench@example.com",
            tierSlug: "small-cpu",
            hard: { "requests.cpu": "2", pods: "10" },
            approvedBy: admin.actor.email,
          }),
        ),
      );
      if (i < WARMUP) continue;
      approve.push(approveMs);
      transactions.push(txMs);
      applies.push(applyMs);
      parts.push(txMs + applyMs);
    }
    await db.$disconnect();

    const a = summary(approve);
    const p = summary(parts);
    const ratio = a.p95 / p.p95;
    const row = (name: string, s: ReturnType<typeof summary>) => `| ${name} | ${s.p50.toFixed(2)} | ${s.p95.toFixed(2)} | ${s.max.toFixed(2)} |`;
    return [
      "## Approve vs. the raw cost of its parts",
      "",
      `${RUNS} approvals (after ${WARMUP} warm-up), each through \`approveWorkspace\`: authorize; the rate-limit hit alongside the reading`,
      "of the request; one statement writing the approval, the transition with its lease, the notification and the audit event if",
      "the request is still as read; the Profile read (alongside) and its server-side apply over HTTPS; one statement recording the",
      "outcome with its audit event. In the same loop, the raw parts: one database transaction (an update and an audit event) and",
      "one server-side apply of a new Profile. The API stand-in runs in a process of its own, as an API server does: in the",
      "benchmark's process its work for the Profile read would land on the event loop being measured.",
      "",
      "| Operation | p50 ms | p95 ms | max ms |",
      "| --- | ---: | ---: | ---: |",
      row("approve (domain function)", a),
      row("raw parts: transaction + apply", p),
      row("… of which the transaction", summary(transactions)),
      row("… of which the apply", summary(applies)),
      "",
      `Approve p95 / parts p95 = **${ratio.toFixed(2)}×** (target ≤ 1.5×: ${ratio <= 1.5 ? "met" : "**not met**"}).`,
    ].join("\n");
  } finally {
    await kube.stop();
    await database.stop();
  }
}
