import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";
import { safeRedirect } from "./safe-redirect";

describe("redirects stay on the portal (THREATS 12)", () => {
  const base = "http://localhost:3000";

  it.each(["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "http://localhost:3001/"])(
    "safeRedirect sends %j home",
    (url) => {
      expect(safeRedirect(url, base)).toBe("http://localhost:3000/");
    },
  );

  it("safeRedirect keeps paths on the portal", () => {
    expect(safeRedirect("/workspaces?x=1", base)).toBe("http://localhost:3000/workspaces?x=1");
    expect(safeRedirect("http://localhost:3000/audit", base)).toBe("http://localhost:3000/audit");
  });

  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "evil", "/a\nb", 42, null])("safeReturnPath refuses %j", (value) => {
    expect(safeReturnPath(value)).toBe("/");
  });

  it("safeReturnPath keeps a local path", () => {
    expect(safeReturnPath("/admin/requests")).toBe("/admin/requests");
  });
});
