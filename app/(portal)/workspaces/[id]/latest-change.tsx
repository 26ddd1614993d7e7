// Where the owner's latest quota change stands: waiting (with the approvals so far), applied,
// or rejected with the admin's reason.
import { labelOf } from "@/lib/quota/fields";
import { QUOTA_KEYS, type Hard } from "@/lib/quota/keys";
import type { MyLatestChange } from "@/lib/workspaces/change-queries";

const day = (date: Date) => date.toISOString().slice(0, 10);

const Limit = ({ value }: { value: string | undefined }) => (value === undefined ? "no limit" : <span className="font-mono">{value}</span>);

/** The limits a change would set differently from `current`; "no limit" where it has none. */
function Differences({ current, proposed }: { current: Hard; proposed: Hard }) {
  const keys = QUOTA_KEYS.map((spec) => spec.key).filter((key) => current[key] !== proposed[key]);
  return (
    <ul className="mt-1 space-y-0.5">
      {keys.map((key) => (
        <li key={key}>
          {labelOf(key)}: <Limit value={current[key]} /> → <Limit value={proposed[key]} />
        </li>
      ))}
    </ul>
  );
}

export function LatestChange({ change, current }: { change: MyLatestChange; current: Hard }) {
  const asked = `Your quota change of ${day(change.createdAt)}`;
  switch (change.status) {
    case "PENDING":
      return (
        <div className="mt-3 rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900">
          <p className="font-medium">
            Waiting for approval: {change.approvals} of {change.required}
          </p>
          <p className="mt-1">{asked} asks for:</p>
          <Differences current={current} proposed={change.proposed} />
          <p className="mt-2">You can ask for more again once an admin has decided this one.</p>
        </div>
      );
    case "REJECTED":
      return (
        <div className="mt-3 rounded-md border border-orange-200 bg-orange-50 p-3 text-sm text-orange-900">
          <p className="font-medium">{asked} was rejected.</p>
          {change.decisionNote && (
            <p className="mt-1">
              <span className="font-medium">Reason for rejection: </span>
              <span className="whitespace-pre-wrap break-words">{change.decisionNote}</span>
            </p>
          )}
        </div>
      );
    case "APPLIED":
      return <p className="mt-3 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">{asked} was approved and applied.</p>;
    default:
      return <p className="mt-3 text-sm text-slate-600">{asked} was withdrawn.</p>;
  }
}
