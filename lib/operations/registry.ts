// Every declared operation, by name: the authorization matrix is read from here, and a name
// declared twice fails at load time rather than silently sharing audit rows and matrix rows.
import type { AuditAction } from "@/lib/model/audit-event";
import type { Role } from "@/lib/model/roles";

export interface MatrixRow {
  name: string;
  title: string;
  roles: readonly Role[];
  audit: readonly AuditAction[];
  /** Every mutation has one; reads only when they walk the audit trail (lib/operations/rate-limit.ts). */
  rateLimit?: "change" | "export";
}

interface Registered {
  declaration: MatrixRow;
}

const globalForRegistry = globalThis as unknown as { berthOperations?: Map<string, Registered> };
// One map per process: Next may evaluate a module once per bundle layer; the same declaration
// arriving again is the same operation, a different one under a taken name is an error.
const operations = (globalForRegistry.berthOperations ??= new Map<string, Registered>());

export function register(operation: Registered): void {
  const { name, title, roles } = operation.declaration;
  const earlier = operations.get(name);
  if (earlier && (earlier.declaration.title !== title || earlier.declaration.roles.join() !== roles.join())) {
    throw new Error(`operation ${name} is declared twice`);
  }
  if (!/^[a-z][a-z-]*(\.[a-z][a-z_-]*)+$/.test(name)) throw new Error(`operation name ${name} is not <subject>.<verb>`);
  if (roles.length === 0) throw new Error(`operation ${name} names no role`);
  operations.set(name, operation);
}

/** One row per operation: who may run it and what it writes to the audit trail. */
export function authorizationMatrix(): MatrixRow[] {
  return [...operations.values()]
    .map(({ declaration: { name, title, roles, audit, rateLimit } }) => ({ name, title, roles, audit, rateLimit }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
