// An attempt's outcome in the words an admin reads after an operation: success only when the
// cluster confirmed it, otherwise what is still pending or what failed.
import type { ActionState } from "@/lib/model/action-state";
import { labelOf } from "@/lib/quota/fields";
import type { ProvisionOutcome } from "@/lib/reconcile/provision";
import type { AskOutcome, Proposal } from "./quota-change";
import type { QuotaEditResult } from "./quota-edit";
import type { RenewalOutcome } from "./renew";

export function outcomeState(done: string, outcome: ProvisionOutcome): ActionState {
  switch (outcome.status) {
    case "ACTIVE":
    case "SUSPENDED":
    case "DECOMMISSIONED":
      return { status: "success", message: `${done} The cluster confirmed it.` };
    case "PROVISIONING":
      return { status: "success", message: `${done} Saved; the cluster has not confirmed it yet (${outcome.message}). Berth keeps trying.` };
    case "BUSY":
      return { status: "success", message: `${done} Saved; the reconciler applies it shortly.` };
    case "FAILED":
      return { status: "error", message: `${done} Saved, but the cluster refused it: ${outcome.message}` };
  }
}

/** A saved quota edit, with a warning where the new limit is below what is in use now. */
export function quotaEditState(result: QuotaEditResult): ActionState {
  if ("proposal" in result) return proposalState(result.proposal);
  const { outcome, warnings, usageUnknown } = result;
  const warning = warnings.length
    ? ` Warning: the new limit is below current usage for ${warnings.map((w) => `${labelOf(w.key)} (limit ${w.limit}, in use ${w.used})`).join(", ")}; running work keeps running, new work is refused.`
    : usageUnknown
      ? " Current usage could not be read, so it was not compared."
      : "";
  const state = outcomeState("Quota saved.", outcome);
  return { ...state, message: `${state.message ?? ""}${warning}` };
}

export function renewalState(outcome: RenewalOutcome): ActionState {
  return {
    status: "success",
    message:
      outcome.status === "RENEWED"
        ? `Renewed until ${outcome.expiresAt.toISOString().slice(0, 10)}.`
        : "Your renewal request was sent; two admins have to approve it.",
  };
}

/**
 * A change that waits for deciders, in the words its proposer reads: the owner asking for their
 * own workspace, or an admin proposing one. One decider needs no reason; two say why.
 */
export function proposalState(proposal: Proposal, proposer: "owner" | "admin" = "admin"): ActionState {
  const others = proposer === "owner" ? "other than you" : "other than you and the owner";
  const who = proposal.required === 2 ? `two admins ${others}` : `an admin ${others}`;
  const why = proposal.required === 2 ? ` (${proposal.why})` : "";
  return { status: "success", message: `Quota change requested${why}: it now waits for ${who}.` };
}

/** The owner's ask: less applied at once, more waiting for admins. */
export function askQuotaState(result: AskOutcome): ActionState {
  return result.status === "PROPOSED" ? proposalState(result, "owner") : outcomeState("Quota lowered.", result.outcome);
}

/** An approval recorded that is not the last one the decision needs. */
export const SECOND_APPROVAL_NEEDED: ActionState = { status: "success", message: "Your approval was recorded; a second admin has to approve too." };

/** What became of a workspace whose quota change was just applied, as the database now records it. */
export function appliedChangeState(workspace: { name: string; status: string; pending: boolean; statusMessage: string | null }): ActionState {
  const done = `Applied the quota change of ${workspace.name}.`;
  if (workspace.status === "FAILED") return { status: "error", message: `${done} Saved, but the cluster refused it: ${workspace.statusMessage ?? "unknown error"}` };
  if (workspace.pending) return { status: "success", message: `${done} Saved; the cluster has not confirmed it yet. Berth keeps trying.` };
  return { status: "success", message: `${done} The cluster confirmed it.` };
}
