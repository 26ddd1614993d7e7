// One look at the whole cluster (the informers' cache, or five list calls) compared with every confirmed workspace:
// drift is recorded on the workspace and audited when it appears, changes or is resolved,
// never again on later passes that see the same thing.
import "server-only";
import { appendAuditEvent } from "@/lib/audit/record";
import type { Attempter } from "@/lib/reconcile/provision";
import { db } from "@/lib/db/client";
import { readClusterSnapshot, type ClusterSnapshot } from "@/lib/kube/snapshot";
import type { Hard } from "@/lib/quota/keys";
import { isHeld, RECONCILED_STATUSES, WorkspaceStatus } from "@/lib/model/workspace-status";
import { effectiveHard } from "@/lib/reconcile/confirm";
import { guardrailSettings } from "@/lib/config";
import type { ContainerDefaults } from "@/lib/tiers/container-defaults";
import { toGuardrails } from "@/lib/tiers/guardrails";
import { driftFingerprint, driftOf, driftOrFailure, leftoverNamespaceDrift, unmanagedProfiles, type Drift, type UnmanagedProfile } from "./drift";

export interface DriftedWorkspace extends Drift {
  id: string;
  name: string;
  status: WorkspaceStatus;
  ownerEmail: string;
  hard: Hard;
}

export interface ClusterScan {
  snapshot: ClusterSnapshot;
  drifted: DriftedWorkspace[];
  unmanaged: UnmanagedProfile[];
}

/** With `cached` (the informers' snapshot) the scan makes no API call; without, five LISTs. */
export async function scanCluster(by: Attempter, cached?: ClusterSnapshot): Promise<ClusterScan> {
  const snapshot = cached ?? (await readClusterSnapshot());
  // Every record that may own a Profile, so that only truly foreign Profiles count as unmanaged.
  const rows = await db.workspace.findMany({
    where: { status: { in: RECONCILED_STATUSES }, decidedById: { not: null } },
    select: {
      id: true, name: true, status: true, ownerEmail: true, hard: true, generation: true, appliedGeneration: true, drift: true,
      tier: { select: { containerDefaults: true, podSecurity: true, egressAllow: true } },
    },
  });
  const { egressNamespaces, dnsNamespace } = guardrailSettings();
  const scope = { namespaces: egressNamespaces, dnsNamespace };
  const drifted: DriftedWorkspace[] = [];
  // Names a live workspace holds: their namespace is that workspace's, not a decommissioned one's leftover.
  const live = new Set(rows.filter((r) => r.status !== WorkspaceStatus.DECOMMISSIONED).map((r) => r.name));
  for (const row of rows) {
    const confirmed = row.appliedGeneration === row.generation;
    const hard = effectiveHard({ status: row.status, hard: row.hard as Hard });
    let drift: Drift;
    if (row.status === WorkspaceStatus.DECOMMISSIONED) {
      // Confirmed gone once; a namespace of that name still there (and no one else's) is left behind.
      if (!confirmed || live.has(row.name)) continue;
      drift = leftoverNamespaceDrift(row.name, snapshot);
    } else {
      // In-flight desired state is the reconciler's business, not new drift; but drift already
      // recorded stays visible (and its resolution audited) until the cluster matches.
      if ((!confirmed && row.drift === null) || (row.status !== WorkspaceStatus.ACTIVE && !isHeld(row.status))) continue;
      drift = driftOrFailure(() =>
        driftOf(
          {
            id: row.id,
            name: row.name,
            ownerEmail: row.ownerEmail,
            hard,
            guardrails: toGuardrails(row.tier.podSecurity, row.tier.egressAllow),
            containerDefaults: (row.tier.containerDefaults as ContainerDefaults | null) ?? null,
          },
          snapshot,
          scope,
        ),
      );
    }
    await recordDrift(by, row, drift);
    if (drift.kinds.length) drifted.push({ ...drift, id: row.id, name: row.name, status: row.status, ownerEmail: row.ownerEmail, hard });
  }
  const known = rows.filter((r) => r.status !== WorkspaceStatus.DECOMMISSIONED || r.appliedGeneration < r.generation);
  return { snapshot, drifted, unmanaged: unmanagedProfiles(snapshot, known) };
}

async function recordDrift(
  by: Attempter,
  row: { id: string; name: string; drift: string | null },
  drift: Drift,
): Promise<void> {
  const fingerprint = driftFingerprint(drift.kinds);
  if (fingerprint === row.drift) return;
  await db.$transaction(async (tx) => {
    // Conditional on the fingerprint we read, so two scanners audit one occurrence once.
    const { count } = await tx.workspace.updateMany({ where: { id: row.id, drift: row.drift }, data: { drift: fingerprint } });
    if (count !== 1) return;
    await appendAuditEvent(tx, {
      action: fingerprint ? "cluster.drift_detected" : "cluster.drift_resolved",
      result: fingerprint ? "failure" : "success",
      actor: by.actor,
      context: by.context,
      target: { type: "workspace", id: row.id, name: row.name },
      before: { drift: row.drift },
      after: { drift: fingerprint, observed: drift.observed },
    });
  });
}
