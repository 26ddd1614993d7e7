// Who may give a workspace more power, and how many people it takes: one pure function used by
// every operation that can (approval, quota or tier change, resume, owner transfer, renewal,
// adoption). Nobody decides on a workspace they own or requested, nor on a change they proposed.
import { foldEmail } from "@/lib/model/email";
import { keysAbove } from "@/lib/quota/fields";
import type { Hard } from "@/lib/quota/keys";

/** A person as the identity provider vouches for them. */
export interface Person {
  issuer: string;
  subject: string;
  email: string;
  /** Dex groups at sign-in; null or missing when not known whole. */
  groups?: readonly string[] | null;
}

/**
 * The same person: the same verified email, compared case-folded, or the same (issuer, subject).
 * Either alone is enough, so a Dex reconfiguration (new issuer URL, a connector id in `sub`) or
 * a second account with the same mailbox does not make someone a stranger to their own workspace.
 */
export function samePerson(a: Person, b: Person): boolean {
  return foldEmail(a.email) === foldEmail(b.email) || (a.issuer === b.issuer && a.subject === b.subject);
}

export { foldEmail };

/** Everyone who may not decide: the workspace's requester and owner, and whoever proposed the change. */
export interface Parties {
  requester: Person;
  ownerEmail: string;
  proposer?: Person;
}

export interface TierRules {
  approvalsRequired: number;
  hard: Hard;
  /** Null: the tier's own `hard` is its maximum. */
  maxHard: Hard | null;
}

export type Change =
  /** A new workspace, granted with this quota. */
  | { kind: "grant"; hard: Hard }
  /** A quota (or tier) change of an approved workspace; `tier` is the tier it will be on. */
  | { kind: "quota"; from: Hard; to: Hard }
  | { kind: "resume" }
  | { kind: "transfer"; toEmail: string }
  | { kind: "renew" }
  | { kind: "adopt"; ownerEmail: string }
  /** Contributor access to the workspace; `adminRequired` is the tier's access policy. */
  | { kind: "access"; beneficiaryEmail?: string; beneficiaryGroup?: string; adminRequired: boolean };

export type Verdict =
  /** The change may be made now, by anyone the operation's roles allow (it gives no more power). */
  | { outcome: "allowed" }
  /** The change needs this many distinct deciders, none of them a party. */
  | { outcome: "approvals"; required: 1 | 2; why: string; aboveMaximum: string[] }
  | { outcome: "refused"; reason: string };

/** What a change needs, whoever asks. */
export function requirementOf(change: Change, tier: TierRules): Verdict {
  switch (change.kind) {
    case "grant":
    case "quota": {
      const [from, to] = change.kind === "quota" ? [change.from, change.to] : [{}, change.hard];
      if (change.kind === "quota" && !givesMore(from, to)) return { outcome: "allowed" };
      // Keys the tier does not have are above its maximum too, and so is a limit dropped (no limit at all).
      const maximum = tier.maxHard ?? tier.hard;
      const aboveMaximum = [
        ...keysAbove(to, maximum).filter((key) => to[key] !== from[key]),
        ...droppedKeys(from, to).filter((key) => maximum[key] !== undefined),
      ];
      if (aboveMaximum.length > 0) return { outcome: "approvals", required: 2, why: "above the tier's maximum", aboveMaximum };
      if (tier.approvalsRequired >= 2) return { outcome: "approvals", required: 2, why: "the tier needs two approvals", aboveMaximum };
      return { outcome: "approvals", required: 1, why: "an admin other than the owner", aboveMaximum };
    }
    case "renew":
      // On a one-approval tier the owner's own ask extends within the rules of lib/workspaces/renew.ts.
      return tier.approvalsRequired >= 2
        ? { outcome: "approvals", required: 2, why: "the tier needs two approvals", aboveMaximum: [] }
        : { outcome: "allowed" };
    case "access":
      // The owner (or an admin) decides; the tier may want an admin's approval as well.
      return change.adminRequired
        ? { outcome: "approvals", required: 2, why: "the tier needs an admin's approval besides the owner's", aboveMaximum: [] }
        : { outcome: "approvals", required: 1, why: "the workspace's owner or an admin", aboveMaximum: [] };
    case "resume":
    case "transfer":
    case "adopt":
      return { outcome: "approvals", required: 1, why: "an admin other than the owner", aboveMaximum: [] };
  }
}

/**
 * Why `actor` may not give `group` access to a workspace `ownerEmail` owns, or null. A group
 * grant gives access to each member: the owner has it already, anyone else in the group would
 * be granting it to themselves. Groups that could not be kept whole refuse, never allow.
 */
export function groupGainRefusal(actor: Person, group: string, ownerEmail: string): string | null {
  if (foldEmail(actor.email) === foldEmail(ownerEmail)) return null;
  if (!actor.groups) return "Your groups could not all be checked, so you cannot decide on a group's access; sign in again or ask another admin.";
  if (actor.groups.includes(group)) return `You are in the group ${group}, so you would receive this access; the owner or another admin has to decide.`;
  return null;
}

/** Whether `actor` may be one of the deciders of `change`: the one question every decision asks. */
export function mayDecide(actor: Person, parties: Parties, change: Change): { ok: true } | { ok: false; reason: string } {
  if (change.kind === "access") {
    // Here the owner is the natural decider; the party is whoever asked or would gain the access.
    const beneficiary = change.beneficiaryEmail !== undefined && foldEmail(actor.email) === foldEmail(change.beneficiaryEmail);
    if (samePerson(actor, parties.requester) || beneficiary) {
      return { ok: false, reason: "You cannot decide on access you asked for or would receive; the owner or another admin has to." };
    }
    const viaGroup = change.beneficiaryGroup === undefined ? null : groupGainRefusal(actor, change.beneficiaryGroup, parties.ownerEmail);
    return viaGroup ? { ok: false, reason: viaGroup } : { ok: true };
  }
  if (samePerson(actor, parties.requester) || foldEmail(actor.email) === foldEmail(parties.ownerEmail)) {
    return { ok: false, reason: "You cannot decide on a workspace you own or requested; another admin has to." };
  }
  if (parties.proposer && samePerson(actor, parties.proposer)) {
    return { ok: false, reason: "You proposed this change; another admin has to approve it." };
  }
  if (change.kind === "transfer" && foldEmail(actor.email) === foldEmail(change.toEmail)) {
    return { ok: false, reason: "You cannot transfer a workspace to yourself." };
  }
  if (change.kind === "adopt" && foldEmail(actor.email) === foldEmail(change.ownerEmail)) {
    return { ok: false, reason: "You cannot adopt a Profile you own; another admin has to." };
  }
  return { ok: true };
}

/** The verdict for `actor` deciding `change` now: allowed, refused, or waiting for more deciders. */
export function govern(actor: Person, parties: Parties, change: Change, tier: TierRules): Verdict {
  const need = requirementOf(change, tier);
  if (need.outcome === "allowed") return need;
  const may = mayDecide(actor, parties, change);
  return may.ok ? need : { outcome: "refused", reason: may.reason };
}

/** A raise of any limit, a limit that was not there, or a limit dropped: without a key, that resource is unlimited. */
export function givesMore(from: Hard, to: Hard): boolean {
  return keysAbove(to, from).length > 0 || droppedKeys(from, to).length > 0;
}

function droppedKeys(from: Hard, to: Hard): string[] {
  return Object.keys(from).filter((key) => to[key] === undefined);
}
