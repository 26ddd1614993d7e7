// The layer list, the tree and the README's picture must say the same thing.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LIB_LAYERS } from "./layers.js";

const listed = LIB_LAYERS.flatMap((entry) => entry.folders);
const tree = readdirSync("lib", { withFileTypes: true })
  .filter((entry) => !entry.name.includes(".test."))
  .map((entry) => (entry.isDirectory() ? entry.name : entry.name.replace(/\.tsx?$/, "")));

describe("lib/ layers", () => {
  it("name every folder and top-level module of lib/, and only those", () => {
    expect([...tree].sort()).toEqual([...listed].sort());
  });

  it("are each drawn in the README's architecture picture", () => {
    const readme = readFileSync("README.md", "utf8");
    const picture = readme.slice(readme.indexOf("## How it works"), readme.indexOf("- **One operation, one declaration.**"));
    for (const folder of listed) expect(picture, folder).toMatch(new RegExp(`\\b${folder.replace("-", "\\-")}(/|\\.ts)`));
  });
});

describe("the README's layout table", () => {
  it("lists every top-level folder of the repository, and only those", () => {
    const readme = readFileSync("README.md", "utf8");
    const table = readme.slice(readme.indexOf("## Project layout"), readme.indexOf("## Screenshots"));
    const listedFolders = [...table.matchAll(/^\| `([\w.-]+)\/` \|/gm)].map((match) => match[1]);
    // What a checkout holds once installed and tested, but git does not: not part of the layout.
    const generated = new Set(["node_modules", "test-results", "playwright-report"]);
    const folders = readdirSync(".", { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && !generated.has(entry.name))
      .map((entry) => entry.name);
    expect([...listedFolders].sort()).toEqual([...folders].sort());
  });
});
