// Page objects for the admin's tier pages.
import { expect, type Page } from "@playwright/test";

export interface TierFields {
  slug?: string;
  name: string;
  description: string;
  twoApprovals: boolean;
  lifetimeDays: string;
  quota: Record<string, string>;
  defaults: { cpuRequest: string; cpuLimit: string; memoryRequest: string; memoryLimit: string };
}

export class TiersPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/admin/tiers");
    await expect(this.page.getByRole("heading", { name: "Quota tiers" })).toBeVisible();
  }

  tier(slug: string) {
    return this.page.getByRole("listitem", { name: `Tier ${slug}` });
  }

  async create(fields: TierFields): Promise<void> {
    await this.page.goto("/admin/tiers/new");
    await this.page.getByLabel("Identifier").fill(fields.slug ?? "");
    await this.fill(fields);
    await this.page.getByRole("button", { name: "Create tier" }).click();
  }

  async openEdit(slug: string): Promise<void> {
    await this.page.goto(`/admin/tiers/${slug}`);
    await expect(this.page.getByRole("heading", { name: /^Edit tier/ })).toBeVisible();
  }

  async fill(fields: TierFields): Promise<void> {
    await this.page.getByLabel("Name", { exact: true }).fill(fields.name);
    await this.page.getByLabel("Description").fill(fields.description);
    await this.page.getByRole("radio", { name: fields.twoApprovals ? "Two approvals (four-eyes)" : "One approval" }).check();
    await this.page.getByLabel("Lifetime (days)").fill(fields.lifetimeDays);
    for (const [label, value] of Object.entries(fields.quota)) await this.page.getByLabel(`${label} quota`, { exact: true }).fill(value);
    await this.page.getByLabel("Default CPU request").fill(fields.defaults.cpuRequest);
    await this.page.getByLabel("Default CPU limit").fill(fields.defaults.cpuLimit);
    await this.page.getByLabel("Default memory request").fill(fields.defaults.memoryRequest);
    await this.page.getByLabel("Default memory limit").fill(fields.defaults.memoryLimit);
  }
}
