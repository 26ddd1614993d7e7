// Page objects for the pages the specs drive.
import { expect, type Page } from "@playwright/test";

export class RequestWorkspacePage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/workspaces/new");
    await expect(this.page.getByRole("heading", { name: "Request a workspace" })).toBeVisible();
  }

  async submit(request: { name: string; tier: RegExp; reason: string }): Promise<void> {
    await this.page.getByLabel("Workspace name").fill(request.name);
    await this.page.getByRole("radio", { name: request.tier }).check();
    await this.page.getByLabel("Reason").fill(request.reason);
    await this.page.getByRole("button", { name: "Submit request" }).click();
  }

  /** Opens the form, submits a request and waits for its confirmation. */
  async requestWorkspace(request: { name: string; tier: RegExp; reason: string }): Promise<void> {
    await this.open();
    await this.submit(request);
    await expect(this.page.getByRole("status")).toContainText(request.name);
  }
}

export class MyWorkspacesPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/workspaces");
  }

  row(name: string) {
    return this.page.getByRole("row").filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }
}

/** The owner's page of one workspace. */
export class MyWorkspacePage {
  constructor(private readonly page: Page) {}

  /** Opens it from the list of the signed-in person's workspaces. */
  async open(name: string): Promise<void> {
    const mine = new MyWorkspacesPage(this.page);
    await mine.open();
    await mine.row(name).getByRole("link").click();
    await expect(this.page.getByRole("heading", { name, exact: true })).toBeVisible();
  }

  quotaChange() {
    return this.page.getByRole("region", { name: "Ask for a quota change" });
  }

  async askForQuota(values: Record<string, string>, reason: string): Promise<void> {
    const section = this.quotaChange();
    for (const [label, value] of Object.entries(values)) await section.getByLabel(label, { exact: true }).fill(value);
    await section.getByLabel("Reason for the change").fill(reason);
    await section.getByRole("button", { name: "Ask for this quota" }).click();
  }
}

export class ApprovalQueuePage {
  constructor(private readonly page: Page) {}

  /** With a name, the queue filtered to it: the queue is paged, and other tests' requests may fill the first page. */
  async open(name?: string): Promise<void> {
    await this.page.goto(name ? `/admin/requests?name=${encodeURIComponent(name)}` : "/admin/requests");
    await expect(this.page.getByRole("heading", { name: "Approval queue" })).toBeVisible();
  }

  request(name: string) {
    return this.page.getByRole("listitem", { name: `Request ${name}` });
  }

  async approve(name: string): Promise<void> {
    await this.request(name).getByRole("button", { name: `Approve ${name}` }).click();
  }

  async reject(name: string, note: string): Promise<void> {
    const item = this.request(name);
    await item.getByLabel(`Reason for rejecting ${name}`).fill(note);
    await item.getByRole("button", { name: `Reject ${name}` }).click();
  }

  /** A pending quota change of the named workspace. */
  change(name: string) {
    return this.page.getByRole("listitem", { name: `Quota change ${name}` });
  }

  async approveChange(name: string): Promise<void> {
    await this.change(name).getByRole("button", { name: `Approve change of ${name}` }).click();
  }

  async rejectChange(name: string, note: string): Promise<void> {
    const item = this.change(name);
    await item.getByLabel(`Reason for rejecting the change of ${name}`).fill(note);
    await item.getByRole("button", { name: `Reject change of ${name}` }).click();
  }
}
