import { describe, expect, it } from "vitest";
import { WorkspaceStatus as DatabaseStatus } from "@/lib/db/generated/enums";
import { WorkspaceStatus } from "./workspace-status";

describe("WorkspaceStatus", () => {
  it("has exactly the values of the database enum workspace_status", () => {
    expect(WorkspaceStatus).toEqual(DatabaseStatus);
  });
});
