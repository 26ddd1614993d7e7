// Namespace reads. The profile controller creates and deletes a Profile's namespace; Berth only
// checks names are free and lists what exists, to tell drift from a namespace still on its way.
import "server-only";
import { kubeCall } from "./call";
import { kubeClients } from "./client";
import { listAll } from "./paging";

/** Whether a namespace of that name exists (a Profile needs its name free). */
export async function namespaceExists(name: string): Promise<boolean> {
  return kubeCall(
    async (options) => {
      await kubeClients().core.readNamespace({ name }, options);
      return true;
    },
    { notFound: () => false },
  );
}

/** The names of every namespace in the cluster. */
export async function listNamespaceNames(): Promise<string[]> {
  return listAll(async (paging, options) => {
    const list = await kubeClients().core.listNamespace(paging, options);
    return { items: list.items.map((ns) => ns.metadata?.name ?? ""), next: list.metadata?._continue };
  });
}
