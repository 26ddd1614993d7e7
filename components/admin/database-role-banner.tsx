// Shown to admins on every admin page while Berth's database role could rewrite the audit
// trail (THREATS 75): the fix is in the deployment, so it stays in view until it is made.
export function DatabaseRoleBanner({ problems, allowed }: { problems: string[]; allowed: boolean }) {
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="mb-6 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-medium">Unsafe database setup: the audit trail is not protected from Berth itself</p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
      <p className="mt-1">
        Run migrations as the schema owner (<code>DATABASE_MIGRATION_URL</code>) and Berth as a role of its own; see SECURITY.md.
        {allowed && " BERTH_ALLOW_UNSAFE_DB_ROLE is set, so readiness passes anyway."}
      </p>
    </div>
  );
}
