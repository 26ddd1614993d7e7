import type { Metadata } from "next";
import Link from "next/link";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { listDirectory } from "@/lib/access/queries";

export const metadata: Metadata = { title: "Workspace directory" };

export default async function DirectoryPage() {
  const ctx = await requirePageCtx(listDirectory);
  const entries = await listDirectory(ctx, {});
  return (
    <section className="max-w-4xl">
      <h1 className="text-2xl font-semibold">Workspace directory</h1>
      <p className="mt-1 text-sm text-slate-600">
        Active workspaces you can ask to join. The owner decides; access shows up in Kubeflow like any contributor&rsquo;s.
      </p>
      {entries.length === 0 ? (
        <p className="mt-6 text-sm text-slate-600">No workspace is listed yet.</p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white dark:bg-slate-900">
          {entries.map((entry) => (
            <li key={entry.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="font-mono font-medium break-all">{entry.name}</p>
                <p className="text-sm text-slate-600 break-all">
                  Owner {entry.owner} · {entry.tier}
                </p>
                {entry.description && <p className="mt-1 text-sm whitespace-pre-wrap">{entry.description}</p>}
              </div>
              <Link href={`/directory/${entry.id}`} className="shrink-0 text-sm font-medium text-brand-700 underline">
                Ask for access<span className="sr-only"> to {entry.name}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
