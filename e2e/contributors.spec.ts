// Contributors through the browser: a data scientist asks for access in the directory, the owner
// approves, KFAM's RoleBinding and AuthorizationPolicy appear under KFAM's names, removal takes
// them away; a group grant; drift from a binding created directly through the API; and the
// refusals: nobody approves access to a workspace they do not own, the owner cannot grant admin.
import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { CustomObjectsApi, KubeConfig, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import { E2E_DATA_DIR } from "./support/data-dir";
import { pageAs, PERSONAS } from "./support/personas";
import { activeWorkspace, uniqueName } from "./support/workspaces";

function kube() {
  const config = new KubeConfig();
  config.loadFromFile(path.join(E2E_DATA_DIR, "kubeconfig"));
  return { rbac: config.makeApiClient(RbacAuthorizationV1Api), custom: config.makeApiClient(CustomObjectsApi) };
}
const AP = { group: "security.istio.io", version: "v1", plural: "authorizationpolicies" } as const;

// Each test first makes and approves a workspace of its own through the browser.
test.describe.configure({ timeout: 120_000 });

async function contributorObjects(namespace: string, name: string) {
  const { rbac, custom } = kube();
  const missing = (e: { code?: number }) => (e.code === 404 ? null : Promise.reject(e));
  return {
    binding: await rbac.readNamespacedRoleBinding({ namespace, name }).catch(missing),
    policy: (await custom.getNamespacedCustomObject({ ...AP, namespace, name }).catch(missing)) as { metadata: { annotations: Record<string, string> } } | null,
  };
}

async function openOwnWorkspace(page: Page, name: string) {
  await page.goto("/workspaces");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name: "Contributors" })).toBeVisible();
}

test("request → owner approves → KFAM's objects → contributor removed → objects gone (THREATS 43)", async ({ browser }) => {
  const name = uniqueName("shared-lab");
  await activeWorkspace(browser, name);
  const eve = await pageAs(browser, "noGroups");
  await eve.goto("/directory");
  await eve.getByRole("link", { name: `Ask for access to ${name}` }).click();
  // A refused field is marked and the other values stay.
  await eve.getByLabel("Edit (run and change things)").check();
  await eve.getByRole("button", { name: "Ask for access" }).click();
  await expect(eve.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");
  await expect(eve.getByLabel("Edit (run and change things)")).toBeChecked();
  await eve.getByLabel("Reason").fill("Pairing on the churn model.");
  await eve.getByRole("button", { name: "Ask for access" }).click();
  await expect(eve.getByRole("status")).toContainText("was sent to the workspace");

  const ada = await pageAs(browser, "requester");
  await ada.goto("/access");
  const request = ada.getByRole("listitem").filter({ hasText: name });
  await expect(request).toContainText(PERSONAS.noGroups);
  await request.getByRole("button", { name: /^Approve/ }).click();
  // Decided, the request leaves the list; the cluster was written before the page re-rendered.
  await expect(request).toHaveCount(0);

  const objectName = "user-eve-example-com-clusterrole-edit";
  const { binding, policy } = await contributorObjects(name, objectName);
  expect(binding?.roleRef.name).toBe("kubeflow-edit");
  expect(binding?.metadata?.annotations).toEqual({ user: PERSONAS.noGroups, role: "edit" });
  expect(policy?.metadata.annotations).toEqual({ user: PERSONAS.noGroups, role: "edit" });

  await openOwnWorkspace(ada, name);
  const row = ada.getByRole("listitem").filter({ hasText: PERSONAS.noGroups });
  await expect(row).toContainText(`approved by ${PERSONAS.requester}`);
  await row.getByRole("button", { name: /^Remove/ }).click();
  // Removed, the contributor leaves the list; the cluster objects went before the page re-rendered.
  await expect(row).toHaveCount(0);
  expect(await contributorObjects(name, objectName)).toEqual({ binding: null, policy: null });
});

test("a group grant binds the Dex group; the owner cannot grant admin, even by editing the form", async ({ browser }) => {
  const name = uniqueName("team-space");
  await activeWorkspace(browser, name);
  const ada = await pageAs(browser, "requester");
  await openOwnWorkspace(ada, name);
  const form = ada.getByRole("form", { name: "Add a contributor" });
  await form.getByLabel("Who").selectOption("Group");
  await form.getByLabel("Group").fill("ml-team");
  await form.getByLabel("Reason").fill("The whole team reviews results.");
  // What a tampered request would send: the page offers no admin role.
  await form.getByLabel("Access").evaluate((select: HTMLSelectElement) => {
    select.add(new Option("Admin", "admin", true, true));
  });
  await form.getByRole("button", { name: "Add contributor" }).click();
  await expect(form.getByText("Choose view or edit access; admin access belongs to the owner alone.")).toBeVisible();
  await expect(form.getByLabel("Group")).toHaveValue("ml-team");
  await form.getByLabel("Access").selectOption("view");
  await form.getByRole("button", { name: "Add contributor" }).click();
  await expect(form.getByRole("status")).toContainText("Contributor added.");
  const { binding } = await contributorObjects(name, "group-ml-team-clusterrole-view");
  expect(binding?.subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "ml-team" }]);
});

test("a requester cannot approve access to a workspace they do not own", async ({ browser }) => {
  const name = uniqueName("private-lab");
  await activeWorkspace(browser, name);
  const eve = await pageAs(browser, "noGroups");
  await eve.goto("/directory");
  const link = eve.getByRole("link", { name: `Ask for access to ${name}` });
  const workspaceId = (await link.getAttribute("href"))?.split("/").pop();
  await link.click();
  await eve.getByLabel("Reason").fill("Curious.");
  await eve.getByRole("button", { name: "Ask for access" }).click();
  await expect(eve.getByRole("status")).toContainText("was sent to the workspace");
  // Eve's own list offers only to withdraw; the request is not one she can decide.
  await expect(eve.getByRole("listitem").filter({ hasText: name }).getByRole("button", { name: /Approve/ })).toHaveCount(0);
  await expect(eve.getByRole("button", { name: /Withdraw request for/ }).first()).toBeVisible();
  // A workspace she does not own has no contributor section for her.
  const response = await eve.goto(`/workspaces/${workspaceId}`);
  expect(response?.status()).toBe(404);
});

test("a contributor binding created directly through the API shows as unmanaged access and can be removed (THREATS 44)", async ({ browser }) => {
  const name = uniqueName("drift-lab");
  const grace = await activeWorkspace(browser, name);
  const objectName = "user-mallory-example-com-clusterrole-edit";
  await kube().rbac.createNamespacedRoleBinding({
    namespace: name,
    body: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: objectName, annotations: { user: "mallory@example.com", role: "edit" } },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "kubeflow-edit" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "mallory@example.com" }],
    },
  });
  const finding = grace.getByRole("listitem").filter({ hasText: `${name}/${objectName}` });
  await expect
    .poll(
      async () => {
        await grace.goto("/admin/cluster");
        return finding.count();
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBe(1);
  await expect(finding).toContainText("RoleBinding made outside Berth for mallory@example.com (edit)");
  await finding.getByRole("button", { name: "Remove from the cluster" }).click();
  // The finding is closed once both objects are gone, so the list no longer shows it.
  await expect(finding).toHaveCount(0);
  expect((await contributorObjects(name, objectName)).binding).toBeNull();
});
