// One workspace's guardrails as its owner and admins read them: what the tier puts in the namespace
// and whether the last drift scan found any of them changed. Database only, no cluster call.
import "server-only";
import { guardrailSettings } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { Ctx } from "@/lib/model/actor";
import { NotFoundError } from "@/lib/model/errors";
import { hasRole } from "@/lib/model/roles";
import { defineOperation } from "@/lib/operations/define-operation";
import type { ContainerDefaults } from "@/lib/tiers/container-defaults";
import { toGuardrails, type TierGuardrails } from "@/lib/tiers/guardrails";
import { knownWorkspaceId, workspaceInUrl } from "@/lib/workspaces/schemas";
import { GUARDRAIL_DRIFT, type DriftKind } from "./drift";

export interface WorkspaceGuardrailsView {
  guardrails: TierGuardrails;
  containerDefaults: ContainerDefaults | null;
  egressNamespaces: string[];
  /** Guardrail drift the last scan recorded (empty: none seen). */
  drift: DriftKind[];
}

export const getWorkspaceGuardrails = defineOperation({
  name: "workspace.read-guardrails",
  title: "reading a workspace's guardrails",
  roles: ["requester"],
  input: workspaceInUrl,
  audit: [],
  run: readGuardrails,
});

async function readGuardrails(ctx: Ctx, { workspaceId }: { workspaceId: string }): Promise<WorkspaceGuardrailsView> {
  const id = knownWorkspaceId(workspaceId);
  const admin = hasRole(ctx.actor.roles, "admin");
  const row = await db.workspace.findFirst({
    where: admin ? { id } : { id, requesterId: ctx.actor.userId },
    select: { drift: true, tier: { select: { podSecurity: true, egressAllow: true, containerDefaults: true } } },
  });
  if (!row) throw new NotFoundError();
  const recorded = (row.drift ?? "").split(",") as DriftKind[];
  return {
    guardrails: toGuardrails(row.tier.podSecurity, row.tier.egressAllow),
    containerDefaults: (row.tier.containerDefaults as ContainerDefaults | null) ?? null,
    egressNamespaces: guardrailSettings().egressNamespaces,
    drift: recorded.filter((kind) => GUARDRAIL_DRIFT.includes(kind)),
  };
}
