// Runtime settings read from the environment, with the defaults Berth documents in its README.

function list(value: string | undefined, fallback: string[]): string[] {
  if (value === undefined) return fallback;
  return value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

export interface RoleGroups {
  adminGroups: string[];
  auditorGroups: string[];
}

export function roleGroupsFromEnv(env: Record<string, string | undefined> = process.env): RoleGroups {
  return {
    adminGroups: list(env.BERTH_ADMIN_GROUPS, ["kubeflow-admins"]),
    auditorGroups: list(env.BERTH_AUDITOR_GROUPS, ["kubeflow-auditors"]),
  };
}

/** The server-side-apply field manager: stable, so Berth's ownership of Profile fields is stable. */
export const FIELD_MANAGER = "berth";
