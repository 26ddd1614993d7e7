import type { Metadata } from "next";
import { OperationForm } from "@/components/admin/operation-form";
import { requirePageCtx } from "@/lib/auth/page-guard";
import { ValidationError } from "@/lib/model/errors";
import { listPeople, PEOPLE_PAGE_SIZE, type PersonRow } from "@/lib/people/sessions";
import { endPersonSessionsAction } from "./actions";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage({ searchParams }: { searchParams: Promise<{ email?: string | string[] }> }) {
  const ctx = await requirePageCtx(listPeople);
  const { email } = await searchParams;
  const query = typeof email === "string" ? email : "";
  const outcome = await listPeople(ctx, query ? { email: query } : {}).then(
    (people) => ({ people, error: null }),
    (error: unknown) => {
      if (error instanceof ValidationError) return { people: [] as PersonRow[], error: error.fieldErrors.email?.join(" ") ?? error.message };
      throw error;
    },
  );

  return (
    <>
      <h1 className="text-2xl font-semibold">People</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Everyone who has signed in, most recently seen first. Ending a person&apos;s sessions signs them out everywhere at their next
        request; Dex decides whether they may sign in again.
      </p>
      <form method="get" className="mt-4 flex items-end gap-2">
        <label className="block text-sm">
          <span className="text-slate-700">Email contains</span>
          <input name="email" defaultValue={query} aria-invalid={outcome.error ? true : undefined} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5" />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
          Search
        </button>
      </form>
      {outcome.error && (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {outcome.error}
        </p>
      )}
      <ul className="mt-6 divide-y divide-slate-200 rounded-lg bg-white shadow-sm">
        {outcome.people.map((person) => (
          <li key={person.id} className="flex flex-wrap items-start justify-between gap-4 p-4">
            <div className="text-sm">
              <p className="font-medium">{person.name ?? person.email}</p>
              <p className="text-slate-600">{person.email}</p>
              <p className="text-xs text-slate-500">
                Roles at last sign-in: {person.lastRoles.join(", ") || "none"} · last seen {person.lastSeenAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                {!person.emailVerified && " · email no longer verified by Dex"}
              </p>
            </div>
            <OperationForm action={endPersonSessionsAction} hidden={{ userId: person.id }} submitLabel="End all sessions" danger />
          </li>
        ))}
        {outcome.people.length === 0 && <li className="p-4 text-sm text-slate-600">No one matches.</li>}
      </ul>
      {outcome.people.length === PEOPLE_PAGE_SIZE && (
        <p className="mt-2 text-xs text-slate-500">Showing the {PEOPLE_PAGE_SIZE} most recently seen; search by email to find others.</p>
      )}
    </>
  );
}
