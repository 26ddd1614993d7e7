import { describe, expect, it } from "vitest";
import { kubeflowUrlFor } from "./queries";

describe("Open in Kubeflow", () => {
  it("opens the central dashboard on the workspace's namespace, or offers no link when unconfigured", () => {
    expect(kubeflowUrlFor("https://kubeflow.example.com", "team-a")).toBe("https://kubeflow.example.com/?ns=team-a");
    expect(kubeflowUrlFor(undefined, "team-a")).toBeNull();
  });
});
