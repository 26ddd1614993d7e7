// The owner's (or an admin's) view of a workspace's contributors: who has access, until when and
// who approved it, requests waiting, and the forms to add, remove and describe. A section of its
// own, so the workspace pages stay free to change around it. Renders nothing for anyone else.
import { listContributors } from "@/lib/access/queries";
import type { Ctx } from "@/lib/model/actor";
import type { ActionState } from "@/lib/model/action-state";
import { NotFoundError } from "@/lib/model/errors";
import { AddContributorForm, ListingForm } from "./contributor-forms";
import { GrantButton, RejectForm } from "./grant-forms";
import { day, GrantState } from "./grant-state";

type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

export interface ContributorActions {
  approve: Action;
  reject: Action;
  add: Action;
  remove: Action;
  listing: Action;
}

export async function ContributorsSection({ ctx, workspaceId, active, actions }: { ctx: Ctx; workspaceId: string; active: boolean; actions: ContributorActions }) {
  const view = await listContributors(ctx, { workspaceId }).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!view) return null;
  return (
    <section aria-labelledby="contributors-heading" className="mt-8">
      <h2 id="contributors-heading" className="text-lg font-semibold">
        Contributors
      </h2>
      <p className="text-sm text-slate-600">People and groups with access to this workspace besides you; Kubeflow shows them as contributors.</p>
      {view.grants.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No contributors yet.</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white dark:bg-slate-900">
          {view.grants.map((grant) => {
            const name = `${grant.subject} (${grant.role})`;
            return (
              <li key={grant.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0">
                  <p className="break-all">
                    <span className="font-medium">{grant.subject}</span>
                    {grant.subjectKind === "Group" && <span className="text-sm text-slate-600"> (group)</span>} · {grant.role}
                  </p>
                  <p className="text-sm text-slate-600">
                    <GrantState grant={grant} /> · until {day(grant.endsAt)}
                    {grant.decidedBy && ` · approved by ${grant.decidedBy}`}
                  </p>
                  {grant.state !== "ACTIVE" && <p className="text-sm whitespace-pre-wrap">{grant.reason}</p>}
                </div>
                <div className="flex flex-wrap gap-3">
                  {grant.state === "ACTIVE" ? (
                    <GrantButton action={actions.remove} grantId={grant.id} label="Remove" danger name={name} />
                  ) : (
                    <>
                      <GrantButton action={actions.approve} grantId={grant.id} label="Approve" name={name} />
                      <RejectForm action={actions.reject} grantId={grant.id} name={name} />
                    </>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {active && <AddContributorForm action={actions.add} workspaceId={workspaceId} />}
      <ListingForm action={actions.listing} workspaceId={workspaceId} description={view.description} unlisted={view.unlisted} />
    </section>
  );
}
