import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDirectoryEntry } from "@/lib/access/queries";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { NotFoundError } from "@/lib/model/errors";
import { RequestAccessForm } from "./request-access-form";

export const metadata: Metadata = { title: "Ask for access" };

export default async function RequestAccessPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageCtx(getDirectoryEntry);
  const { id } = await params;
  const entry = await getDirectoryEntry(ctx, { workspaceId: id }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <article className="max-w-2xl">
      <Link href="/directory" className="text-sm text-brand-700 underline">
        ← Directory
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">
        Ask for access to <span className="font-mono break-all">{entry.name}</span>
      </h1>
      <p className="mt-1 text-sm text-slate-600 break-all">
        Owner {entry.owner} · {entry.tier}
        {entry.adminApproval ? " · the owner and an admin approve" : " · the owner approves"}
      </p>
      {entry.description && <p className="mt-3 text-sm whitespace-pre-wrap">{entry.description}</p>}
      <RequestAccessForm workspaceId={entry.id} maxDays={entry.accessMaxDays} />
    </article>
  );
}
