// Page objects for the auditor's pages: the trail with its filter, one event, verification.
import { expect, type Download, type Page } from "@playwright/test";

export class AuditTrailPage {
  constructor(private readonly page: Page) {}

  async open(query = ""): Promise<void> {
    await this.page.goto(`/audit${query}`);
    await expect(this.page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  }

  async filter(values: { actor?: string; workspace?: string; action?: string; result?: string }): Promise<void> {
    const form = this.page.getByRole("form", { name: "Filter the audit trail" });
    if (values.actor !== undefined) await form.getByLabel("Actor email").fill(values.actor);
    if (values.workspace !== undefined) await form.getByLabel("Workspace (name or id)").fill(values.workspace);
    if (values.action !== undefined) await form.getByLabel("Action").selectOption(values.action);
    if (values.result !== undefined) await form.getByLabel("Result").selectOption(values.result);
    await form.getByRole("button", { name: "Apply filter" }).click();
  }

  rows() {
    return this.page.getByRole("row").filter({ has: this.page.getByRole("link", { name: /^Event \d+$/ }) });
  }

  async export(format: "CSV" | "JSONL" | "verifiable bundle"): Promise<Download> {
    const download = this.page.waitForEvent("download");
    await this.page.getByRole("button", { name: `Export ${format}` }).click();
    return download;
  }
}

export class VerifyPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/audit/verify");
    await expect(this.page.getByRole("heading", { name: "Verify the audit trail" })).toBeVisible();
  }

  async verify(kind: "Verify the whole trail" | "Verify new events" = "Verify the whole trail"): Promise<void> {
    await this.page.getByRole("button", { name: kind }).click();
  }

  async downloadHead(): Promise<Download> {
    const download = this.page.waitForEvent("download");
    await this.page.getByRole("link", { name: "Download the current head" }).click();
    return download;
  }

  async checkHead(text: string): Promise<void> {
    await this.page.getByLabel("Check an exported head").fill(text);
    await this.page.getByRole("button", { name: "Check head" }).click();
  }
}
