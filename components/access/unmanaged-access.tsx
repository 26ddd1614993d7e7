// The Cluster page's list of access drift: contributor objects made outside Berth (adopt or
// remove), and active grants whose objects went missing (restore).
import { OperationForm } from "@/components/admin/operation-form";
import { listAccessDrift } from "@/lib/access/drift-actions";
import type { Ctx } from "@/lib/model/actor";
import type { ActionState } from "@/lib/model/action-state";

type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

const OBJECTS = { binding: "RoleBinding", policy: "AuthorizationPolicy", both: "RoleBinding and AuthorizationPolicy" } as Record<string, string>;

export async function UnmanagedAccess({ ctx, adopt, remove }: { ctx: Ctx; adopt: Action; remove: Action }) {
  const findings = await listAccessDrift(ctx, {});
  return (
    <section aria-labelledby="unmanaged-access-heading" className="mt-8">
      <h2 id="unmanaged-access-heading" className="text-lg font-semibold">
        Unmanaged access
      </h2>
      <p className="text-sm text-slate-600">Contributor RoleBindings and AuthorizationPolicies changed outside Berth (for example through the Kubeflow dashboard).</p>
      {findings.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">None: every contributor in the cluster is one Berth granted.</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {findings.map((f) => {
            const hidden = { namespace: f.namespace, objectName: f.objectName };
            return (
              <li key={`${f.namespace}/${f.objectName}`} className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
                <p className="break-all">
                  <span className="font-mono">
                    {f.namespace}/{f.objectName}
                  </span>{" "}
                  ·{" "}
                  {f.kind === "unmanaged"
                    ? `${OBJECTS[f.objects]} made outside Berth for ${f.subject ?? "nobody named"} (${f.role ?? "no role"})`
                    : `an active grant's ${OBJECTS[f.objects]} missing from the cluster`}
                </p>
                <div className="mt-2 flex flex-wrap gap-3">
                  <OperationForm action={adopt} hidden={hidden} submitLabel={f.kind === "unmanaged" ? "Adopt" : "Restore"} />
                  {f.kind === "unmanaged" && <OperationForm action={remove} hidden={hidden} submitLabel="Remove from the cluster" danger />}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
