// The admins' Workspaces list: every workspace, searched by name or owner, filtered by state, tier
// and owner, sorted by name or by last change, and paged by keyset (a cursor names the last row
// shown), so page 100 costs what page 1 does. Filters come from the URL: a value that does not fit
// is dropped; a forged cursor is a clear error.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { ValidationError } from "@/lib/model/errors";
import { WorkspaceStatus } from "@/lib/model/workspace-status";
import { defineOperation } from "@/lib/operations/define-operation";

export const ADMIN_LIST_PAGE_SIZE = 25;
export const ADMIN_LIST_SORTS = ["name", "updated"] as const;
export type AdminListSort = (typeof ADMIN_LIST_SORTS)[number];

const loose = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const listInput = z.strictObject({
  q: loose(z.string().trim().min(1).max(100)),
  state: loose(z.enum(Object.values(WorkspaceStatus) as [WorkspaceStatus, ...WorkspaceStatus[]])),
  tier: loose(z.string().trim().min(1).max(64)),
  owner: loose(z.string().trim().min(1).max(254)),
  sort: z.enum(ADMIN_LIST_SORTS).catch("name").default("name"),
  after: z.string().max(200).optional(),
});
export type AdminListFilter = z.infer<typeof listInput>;

export interface AdminListRow {
  id: string;
  name: string;
  status: WorkspaceStatus;
  ownerEmail: string;
  tierName: string;
  updatedAt: Date;
  /** The cluster has not confirmed the latest desired state yet. */
  pending: boolean;
}

export interface AdminListPage {
  filter: AdminListFilter;
  rows: AdminListRow[];
  /** The cursor of the next page, or null on the last one. */
  next: string | null;
}

interface Cursor {
  key: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString("base64url");
}

const cursorShape = z.tuple([z.string().max(200), z.uuid()]);

export function decodeCursor(text: string, sort: AdminListSort): Cursor {
  const invalid = new ValidationError("That page link is not valid any more: start from the first page.", { after: ["Unknown page."] });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  const tuple = cursorShape.safeParse(parsed);
  if (!tuple.success) throw invalid;
  const [key, id] = tuple.data;
  if (sort === "updated" && Number.isNaN(Date.parse(key))) throw invalid;
  return { key, id };
}

export const listWorkspacesForAdmin = defineOperation({
  name: "workspace.list-all",
  title: "listing workspaces",
  roles: ["admin"],
  input: listInput,
  audit: [],
  run: (_ctx, filter) => listAll(filter),
});

async function listAll(filter: AdminListFilter): Promise<AdminListPage> {
  const where: Prisma.WorkspaceWhereInput[] = [];
  if (filter.q) where.push({ OR: [{ name: { contains: filter.q, mode: "insensitive" } }, { ownerEmail: { contains: filter.q, mode: "insensitive" } }] });
  if (filter.state) where.push({ status: filter.state });
  if (filter.tier) where.push({ tier: { slug: filter.tier } });
  if (filter.owner) where.push({ ownerEmail: { startsWith: filter.owner, mode: "insensitive" } });
  if (filter.after) {
    const cursor = decodeCursor(filter.after, filter.sort);
    where.push(
      filter.sort === "name"
        ? { OR: [{ name: { gt: cursor.key } }, { name: cursor.key, id: { gt: cursor.id } }] }
        : { OR: [{ updatedAt: { lt: new Date(cursor.key) } }, { updatedAt: new Date(cursor.key), id: { lt: cursor.id } }] },
    );
  }
  const rows = await db.workspace.findMany({
    where: { AND: where },
    orderBy: filter.sort === "name" ? [{ name: "asc" }, { id: "asc" }] : [{ updatedAt: "desc" }, { id: "desc" }],
    take: ADMIN_LIST_PAGE_SIZE + 1,
    select: { id: true, name: true, status: true, ownerEmail: true, updatedAt: true, generation: true, appliedGeneration: true, decidedById: true, tier: { select: { name: true } } },
  });
  const shown = rows.slice(0, ADMIN_LIST_PAGE_SIZE);
  const last = shown.at(-1);
  return {
    filter,
    rows: shown.map((row) => ({
      id: row.id,
      name: row.name,
      status: row.status,
      ownerEmail: row.ownerEmail,
      tierName: row.tier.name,
      updatedAt: row.updatedAt,
      pending: row.decidedById !== null && row.appliedGeneration < row.generation,
    })),
    next: rows.length > ADMIN_LIST_PAGE_SIZE && last ? encodeCursor({ key: filter.sort === "name" ? last.name : last.updatedAt.toISOString(), id: last.id }) : null,
  };
}
