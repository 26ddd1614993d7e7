// Demo people for the Dex stand-in and the live, per-instance store that the login form and
// the token endpoint read from (so a test can change someone's groups between two refreshes).
import { createHash, timingSafeEqual } from "node:crypto";

export interface DemoAccount {
  subject: string;
  email: string;
  name: string;
  groups: string[];
  password: string;
}

/**
 * The `sub` a real Dex issues for a static-password user: base64url (no padding) of the
 * protobuf message { 1: userID, 2: connectorID }. Mimicking it keeps subjects opaque and
 * stable, and shaped like the ones the portal will see in production.
 */
export function dexSubject(userId: string, connectorId = "local"): string {
  const field = (tag: number, value: string) => {
    const bytes = Buffer.from(value, "utf8");
    if (bytes.length > 127) throw new Error("dexSubject: field too long for a one-byte length");
    return Buffer.concat([Buffer.from([tag, bytes.length]), bytes]);
  };
  return Buffer.concat([field(0x0a, userId), field(0x12, connectorId)]).toString("base64url");
}

const DEMO_PASSWORD = "berth";

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { subject: dexSubject("ada"), email: "ada@example.com", name: "Ada Lovelace", groups: ["data-scientists"], password: DEMO_PASSWORD },
  { subject: dexSubject("grace"), email: "grace@example.com", name: "Grace Hopper", groups: ["kubeflow-admins"], password: DEMO_PASSWORD },
  { subject: dexSubject("katherine"), email: "katherine@example.com", name: "Katherine Johnson", groups: ["kubeflow-admins"], password: DEMO_PASSWORD },
  { subject: dexSubject("alan"), email: "alan@example.com", name: "Alan Turing", groups: ["kubeflow-auditors"], password: DEMO_PASSWORD },
  // Eve belongs to no group at all: the portal must treat her as a plain requester.
  { subject: dexSubject("eve"), email: "eve@example.com", name: "Eve", groups: [], password: DEMO_PASSWORD },
  // Margaret's sessions are ended by the tests of revocable sessions, so no other test signs in as her.
  { subject: dexSubject("margaret"), email: "margaret@example.com", name: "Margaret Hamilton", groups: ["data-scientists"], password: DEMO_PASSWORD },
];

export interface AccountStore {
  list(): readonly DemoAccount[];
  findBySubject(subject: string): DemoAccount | undefined;
  /** The account whose email and password both match, else undefined. */
  authenticate(email: string, password: string): DemoAccount | undefined;
  setGroups(email: string, groups: readonly string[]): void;
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Compare digests so the comparison time does not depend on where the strings differ.
function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}

export function createAccountStore(accounts: readonly DemoAccount[]): AccountStore {
  // Copies: changing groups on one stand-in must not leak into DEMO_ACCOUNTS or another instance.
  const byEmail = new Map<string, DemoAccount>();
  for (const account of accounts) {
    const email = normaliseEmail(account.email);
    if (byEmail.has(email)) throw new Error(`Dex stand-in: duplicate account email ${account.email}`);
    byEmail.set(email, { ...account, groups: [...account.groups] });
  }

  return {
    list: () => [...byEmail.values()],
    findBySubject: (subject) => [...byEmail.values()].find((account) => account.subject === subject),
    authenticate(email, password) {
      const account = byEmail.get(normaliseEmail(email));
      // Still compare against something when the email is unknown, so both failures look alike.
      const passwordMatches = sameSecret(password, account?.password ?? DEMO_PASSWORD);
      return account && passwordMatches ? account : undefined;
    },
    setGroups(email, groups) {
      const account = byEmail.get(normaliseEmail(email));
      if (!account) throw new Error(`Dex stand-in: no account with email ${email}`);
      account.groups = [...groups];
    },
  };
}
