// An attempt's outcome in the words an admin reads after an operation: success only when the
// cluster confirmed it, otherwise what is still pending or what failed.
import type { ActionState } from "@/lib/actions/action-state";
import type { ProvisionOutcome } from "./provision";

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
