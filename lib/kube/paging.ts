// Whole-cluster LISTs, page by page (limit + continue), so no single answer grows with the
// cluster and status and drift cost one call per kind, never one per workspace.
import "server-only";
import type { ConfigurationOptions } from "@kubernetes/client-node";
import { kubeCall } from "./call";

const PAGE_SIZE = 500;

export interface Page<T> {
  items: T[];
  /** The continue token of the next page; empty or absent on the last one. */
  next?: string;
}

/** Every item of a LIST; `fetchPage` passes the paging parameters and options on to the API call. */
export async function listAll<T>(
  fetchPage: (paging: { limit: number; _continue?: string }, options: ConfigurationOptions) => Promise<Page<T>>,
): Promise<T[]> {
  const all: T[] = [];
  let next: string | undefined;
  do {
    const paging = { limit: PAGE_SIZE, _continue: next };
    const page = await kubeCall((options) => fetchPage(paging, options));
    all.push(...page.items);
    next = page.next || undefined;
  } while (next);
  return all;
}
