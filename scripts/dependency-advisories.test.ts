// The lockfile holds no version of next, react, next-auth or any direct dependency below the
// fix of a known advisory (THREATS 76), read offline from package-lock.json. A new direct
// dependency without an entry in scripts/dependency-advisories.ts fails too.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ADVISORIES, compareVersions, missingFix, NO_KNOWN_ADVISORY } from "./dependency-advisories";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { version?: string }> };

/** Every copy of a package the lockfile installs, nested ones included. */
function installed(name: string): { path: string; version: string }[] {
  return Object.entries(lock.packages)
    .filter(([path, entry]) => entry.version && (path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`)))
    .map(([path, entry]) => ({ path, version: entry.version! }));
}

describe("dependency advisories (THREATS 76)", () => {
  it("has an entry for every direct dependency", () => {
    const direct = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
    const covered = new Set([...Object.keys(ADVISORIES), ...NO_KNOWN_ADVISORY]);
    expect(direct.filter((name) => !covered.has(name))).toEqual([]);
  });

  it("finds every advised package in the lockfile at or above its fix", () => {
    const behind: string[] = [];
    for (const [name, advisories] of Object.entries(ADVISORIES)) {
      for (const { path, version } of installed(name)) {
        for (const advisory of advisories) {
          const fix = missingFix(version, advisory);
          if (fix) behind.push(`${path} ${version} < ${fix} (${advisory.id}: ${advisory.what})`);
        }
      }
    }
    expect(behind).toEqual([]);
    // The ones the issue names are really there to be checked.
    for (const name of ["next", "react", "react-dom", "next-auth"]) expect(installed(name).length, name).toBeGreaterThan(0);
  });

  it("orders versions as semver does, prereleases included", () => {
    expect(compareVersions("5.0.0-beta.32", "5.0.0-beta.30")).toBeGreaterThan(0);
    expect(compareVersions("5.0.0-beta.9", "5.0.0-beta.30")).toBeLessThan(0);
    expect(compareVersions("5.0.0-beta.30", "5.0.0")).toBeLessThan(0);
    expect(compareVersions("16.10.0", "16.9.9")).toBeGreaterThan(0);
    expect(compareVersions("1.2.3", "1.2.3")).toBe(0);
  });

  it("judges a version by the fix of its own release line", () => {
    const rsc = { id: "CVE-2026-23864", what: "", fixed: ["19.0.4", "19.1.5", "19.2.4"] };
    expect(missingFix("19.2.3", rsc)).toBe("19.2.4");
    expect(missingFix("19.1.5", rsc)).toBeNull();
    expect(missingFix("19.3.1", rsc)).toBeNull();
    expect(missingFix("18.3.1", rsc)).toBe("19.0.4");
    const middleware = { id: "CVE-2025-29927", what: "", fixed: ["14.2.25", "15.2.3"] };
    expect(missingFix("15.2.2", middleware)).toBe("15.2.3");
    expect(missingFix("16.0.0", middleware)).toBeNull();
    expect(missingFix("15.1.0", middleware)).toBe("15.2.3");
    const nextAuth = { id: "GHSA", what: "", fixed: ["4.24.15", "5.0.0-beta.32"] };
    expect(missingFix("5.0.0-beta.31", nextAuth)).toBe("5.0.0-beta.32");
    expect(missingFix("5.0.0-beta.32", nextAuth)).toBeNull();
  });
});
