// What a test needs before it starts, created by the test itself under names no other test uses:
// every spec then passes alone, in any order and in any shard (see the README on checking that).
import { randomInt } from "node:crypto";
import { expect, type Browser, type Page } from "@playwright/test";
import { ApprovalQueuePage, RequestWorkspacePage } from "../pages/portal";
import { pageAs, type Persona } from "./personas";

// Letters and digits that Berth's look-alike check (lib/workspaces/look-alike.ts) folds together
// (0/o, 1/i/l, 3/e, 5/s, rn/m) are left out, so two suffixes never make names that "look alike".
const SUFFIX_ALPHABET = "abcdfghjknpqrtuvwxyz246789";

/** `<prefix>-<6 random characters>`: a DNS-1123 label when the prefix is one of at most 25 characters. */
export function uniqueName(prefix: string): string {
  if (!/^[a-z0-9]([-a-z0-9]{0,23}[a-z0-9])?$/.test(prefix)) throw new Error(`unsuitable name prefix ${prefix}`);
  const suffix = Array.from({ length: 6 }, () => SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)]).join("");
  return `${prefix}-${suffix}`;
}

export interface WorkspaceRequest {
  name: string;
  tier: RegExp;
  reason: string;
}

/** The persona (Ada unless told otherwise) submits a request and sees it confirmed; returns their page. */
export async function requestAs(browser: Browser, request: WorkspaceRequest, persona: Persona = "requester"): Promise<Page> {
  const page = await pageAs(browser, persona);
  await new RequestWorkspacePage(page).requestWorkspace(request);
  return page;
}

/** Ada requests a workspace of the small tier and Grace approves it: an active workspace. Returns Grace's page. */
export async function activeWorkspace(browser: Browser, name: string, reason = "Needed by an end-to-end test."): Promise<Page> {
  await requestAs(browser, { name, tier: /^Small/, reason });
  const grace = await pageAs(browser, "admin");
  const queue = new ApprovalQueuePage(grace);
  await queue.open(name);
  await queue.approve(name);
  await expect(grace.getByRole("status")).toContainText("The Profile was applied");
  return grace;
}
