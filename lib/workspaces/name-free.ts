// Whether a requested name is free: no workspace holds it or a look-alike of it, and the cluster
// has no Profile of that name and no namespace of that name or of a look-alike one. The database
// has the last word on workspaces (unique indexes on the name and on its skeleton); the cluster
// is asked again when the request is approved.
import "server-only";
import { db } from "@/lib/db/client";
import { toKubeApiError } from "@/lib/kube/errors";
import { listNamespaces } from "@/lib/kube/namespaces";
import { getProfile } from "@/lib/kube/profiles";
import { ClusterError, ValidationError } from "@/lib/model/errors";
import { nameSkeleton } from "./look-alike";
import { NAME_HOLDING } from "./name-holding";

const refuse = (message: string) => new ValidationError("Please correct the highlighted fields.", { name: [message] });

export function nameTaken(name: string): ValidationError {
  return refuse(`"${name}" is already requested or in use; choose another name.`);
}

function lookAlike(name: string, kind: "workspace" | "namespace", other: string): ValidationError {
  return refuse(`"${name}" looks too much like the existing ${kind} "${other}"; choose a clearly different name.`);
}

/** The refusal for a name another workspace holds, or holds a look-alike of (see look-alike.ts); null when none does. */
async function holderRefusal(name: string): Promise<ValidationError | null> {
  const holders = await db.workspace.findMany({
    where: { AND: [{ OR: [{ name }, { nameSkeleton: nameSkeleton(name) }] }, NAME_HOLDING] },
    select: { name: true },
    take: 2,
  });
  if (holders.some((holder) => holder.name === name)) return nameTaken(name);
  const [alike] = holders;
  return alike ? lookAlike(name, "workspace", alike.name) : null;
}

/** Refuses a name a workspace holds, literally or by look. */
export async function assertNoHolder(name: string): Promise<void> {
  const refusal = await holderRefusal(name);
  if (refusal) throw refusal;
}

/**
 * After the database refused the insert (one of the unique indexes on the name or its skeleton):
 * the same refusal a check before the insert would have given, now that the winner has committed.
 */
export async function refusalAfterUniqueViolation(name: string): Promise<ValidationError> {
  return (await holderRefusal(name)) ?? nameTaken(name);
}

/**
 * Refuses a name the cluster already has as a Profile or a namespace, or a namespace that reads
 * alike (`kube-5ystem`). One list of namespaces per request. When the cluster cannot be asked the
 * request is refused ("try again shortly"), not let through: the exact-name check needs the cluster
 * anyway, a request is cheap to send again, and the check at approval time is a second line, not a
 * reason to let an unchecked look-alike reach an admin who may not notice it.
 */
export async function assertFreeInCluster(name: string): Promise<void> {
  const skeleton = nameSkeleton(name);
  try {
    const [profile, namespaces] = await Promise.all([getProfile(name), listNamespaces()]);
    if (profile || namespaces.some((namespace) => namespace.name === name)) {
      throw refuse(`A namespace or Profile named "${name}" already exists in the cluster.`);
    }
    const alike = namespaces.find((namespace) => nameSkeleton(namespace.name) === skeleton);
    if (alike) throw lookAlike(name, "namespace", alike.name);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    const kube = toKubeApiError(error);
    throw new ClusterError("The cluster could not be asked whether this name is free; please try again shortly.", kube.failure, kube.auditId);
  }
}
