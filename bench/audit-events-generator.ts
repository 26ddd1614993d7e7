// Realistic audit events for the benchmark: a year of a busy installation, ~300 data
// scientists, a handful of admins and auditors, sign-ins dominating, approvals, rejections,
// applies, failures and denials in plausible proportions, with a valid hash chain.
import { randomUUID } from "node:crypto";
import { GENESIS_HASH, hashEvent, type ChainedFields } from "../lib/audit/chain";
import type { AuditAction } from "../lib/model/audit-event";

const ISSUER = "https://dex.example.com/dex";
export const REQUESTERS = Array.from({ length: 300 }, (_, i) => `scientist${String(i + 1).padStart(3, "0")}@example.com`);
export const ADMINS = Array.from({ length: 6 }, (_, i) => `admin${i + 1}@example.com`);
export const AUDITORS = ["auditor1@example.com", "auditor2@example.com", "auditor3@example.com"];

// Weights per 1000 events.
const MIX: [AuditAction, number][] = [
  ["auth.sign_in", 420],
  ["auth.sign_out", 180],
  ["workspace.requested", 90],
  ["workspace.request_refused", 15],
  ["workspace.approved", 70],
  ["workspace.approve_refused", 2],
  ["workspace.rejected", 18],
  ["profile.applied", 66],
  ["profile.apply_failed", 6],
  ["auth.denied", 130],
  ["audit.exported", 3],
];
const TOTAL_WEIGHT = MIX.reduce((sum, [, w]) => sum + w, 0);

/** A small deterministic PRNG (mulberry32) so every run seeds the same trail. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratorState {
  seq: bigint;
  prevHash: string;
  time: number;
}

export function startState(): GeneratorState {
  return { seq: 0n, prevHash: GENESIS_HASH, time: Date.parse("2025-11-27T00:00:00Z") };
}

export type SeedRow = ChainedFields & { hash: string };

export function* generateEvents(count: number, state = startState(), seed = 42): Generator<SeedRow> {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const workspaces: { id: string; name: string; owner: string }[] = [];
  // ~1M events over a year: on average one every ~31 s.
  const meanGapMs = (365 * 24 * 3600 * 1000) / Math.max(count, 1);
  for (let i = 0; i < count; i++) {
    let roll = rand() * TOTAL_WEIGHT;
    let action: AuditAction = "auth.sign_in";
    for (const [candidate, weight] of MIX) {
      if ((roll -= weight) < 0) {
        action = candidate;
        break;
      }
    }
    state.time += Math.floor(-Math.log(1 - rand()) * meanGapMs);
    state.seq += 1n;
    const requester = pick(REQUESTERS);
    const admin = pick(ADMINS);
    const anyone = rand() < 0.85 ? requester : rand() < 0.7 ? admin : pick(AUDITORS);
    const workspace = workspaces.length ? workspaces[Math.floor(workspaces.length - 1 - rand() * Math.min(workspaces.length, 2000))] : undefined;
    let actor = anyone;
    let roles = ["requester"];
    let target: { type: string; id: string | null; name: string | null } | null = null;
    let before: unknown = null;
    let after: unknown = null;
    let result = "success";
    let errorCode: string | null = null;
    let reason: string | null = null;
    let kubeAuditId: string | null = null;
    const asAdmin = () => {
      actor = admin;
      roles = ["requester", "admin"];
    };
    switch (action) {
      case "auth.sign_in":
      case "auth.sign_out":
        if (ADMINS.includes(actor)) roles = ["requester", "admin"];
        else if (AUDITORS.includes(actor)) roles = ["requester", "auditor"];
        target = { type: "user", id: null, name: actor };
        break;
      case "workspace.requested": {
        const ws = { id: randomUUID(), name: `team-${requester.slice(9, 12)}-${workspaces.length}`, owner: requester };
        workspaces.push(ws);
        actor = requester;
        target = { type: "workspace", id: ws.id, name: ws.name };
        after = { name: ws.name, tier: "standard", owner: requester, status: "PENDING", hard: { "requests.cpu": "8", "requests.memory": "32Gi", pods: "40" } };
        reason = "Training models for the quarterly forecast.";
        break;
      }
      case "workspace.request_refused":
        actor = requester;
        result = "failure";
        errorCode = "invalid";
        reason = "name already requested or in use";
        break;
      case "workspace.approved":
      case "workspace.rejected":
      case "workspace.approve_refused":
        asAdmin();
        target = workspace ? { type: "workspace", id: workspace.id, name: workspace.name } : null;
        before = { status: "PENDING" };
        after = action === "workspace.approved" ? { status: "PROVISIONING", owner: workspace?.owner } : action === "workspace.rejected" ? { status: "REJECTED" } : null;
        if (action === "workspace.rejected") reason = "Please use the shared project instead.";
        if (action === "workspace.approve_refused") {
          result = "denied";
          errorCode = "self_approval";
        }
        break;
      case "profile.applied":
      case "profile.apply_failed":
        asAdmin();
        target = workspace ? { type: "workspace", id: workspace.id, name: workspace.name } : null;
        kubeAuditId = randomUUID();
        if (action === "profile.applied") after = { owner: { kind: "User", name: workspace?.owner }, hard: { pods: "40" } };
        else {
          result = "failure";
          errorCode = "unreachable";
          reason = "The API server could not be reached. The Profile was not written.";
        }
        break;
      case "auth.denied":
        result = "denied";
        errorCode = rand() < 0.2 ? "unauthenticated" : "forbidden";
        if (errorCode === "unauthenticated") actor = "";
        reason = "approving a request needs role admin";
        target = workspace && rand() < 0.5 ? { type: "workspace", id: workspace.id, name: null } : null;
        break;
      case "audit.exported":
        actor = pick(AUDITORS);
        roles = ["requester", "auditor"];
        target = { type: "audit_trail", id: null, name: null };
        after = { format: "csv", filter: { action: "workspace.approved" } };
        break;
    }
    const fields: ChainedFields = {
      seq: state.seq,
      occurredAt: new Date(state.time),
      actorIssuer: actor ? ISSUER : null,
      actorSubject: actor ? `sub-${actor}` : null,
      actorEmail: actor || null,
      actorName: actor ? actor.split("@")[0] ?? null : null,
      actorRoles: actor ? roles : [],
      action,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      targetName: target?.name ?? null,
      before,
      after,
      reason,
      result,
      errorCode,
      requestId: randomUUID(),
      clientAddress: `10.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}`,
      userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
      kubeAuditId,
      prevHash: state.prevHash,
    };
    const hash = hashEvent(fields);
    state.prevHash = hash;
    yield { ...fields, hash };
  }
}
