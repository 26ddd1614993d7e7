// Page objects for the admin's cluster pages.
import { expect, type Page } from "@playwright/test";

export class ClusterPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/admin/cluster");
    await expect(this.page.getByRole("heading", { name: "Cluster", exact: true })).toBeVisible();
  }

  drift(name: string) {
    return this.page.getByRole("listitem", { name: `Drift ${name}` });
  }

  unmanaged(name: string) {
    return this.page.getByRole("listitem", { name: `Unmanaged ${name}` });
  }

  async openWorkspace(name: string): Promise<AdminWorkspacePage> {
    await this.page.getByRole("link", { name, exact: true }).first().click();
    await expect(this.page.getByRole("heading", { name, exact: true })).toBeVisible();
    return new AdminWorkspacePage(this.page);
  }
}

export class AdminWorkspacePage {
  constructor(private readonly page: Page) {}

  /** Opens an operation's own form (once) and ticks its confirmation, if it has one. */
  async openOperation(label: string): Promise<void> {
    const details = this.page.locator("details", { has: this.page.locator("summary", { hasText: `${label}…` }) });
    if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) await details.locator("summary").click();
    for (const box of await details.locator("input[type=checkbox][required]").all()) await box.check();
  }

  async suspend(reason: string): Promise<void> {
    await this.openOperation("Suspend");
    await this.page.getByLabel("Reason for suspending").fill(reason);
    await this.page.getByRole("button", { name: "Suspend", exact: true }).click();
  }

  async resume(reason: string): Promise<void> {
    await this.openOperation("Resume");
    await this.page.getByLabel("Reason for resuming").fill(reason);
    await this.page.getByRole("button", { name: "Resume", exact: true }).click();
  }

  async editQuota(values: Record<string, string>, reason: string): Promise<void> {
    await this.openOperation("Edit quota");
    for (const [label, value] of Object.entries(values)) await this.page.getByLabel(label, { exact: true }).fill(value);
    await this.page.getByLabel("Reason for the quota change").fill(reason);
    await this.page.getByRole("button", { name: "Save quota" }).click();
  }

  async decommission(typed: string, reason: string): Promise<void> {
    await this.openOperation("Decommission");
    await this.page.getByLabel(/^Type .* to confirm$/).fill(typed);
    await this.page.getByLabel("Reason for decommissioning").fill(reason);
    await this.page.getByRole("button", { name: "Decommission", exact: true }).click();
  }
}
