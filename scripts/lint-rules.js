// Berth's own lint rules: the import direction between layers, and settings read only in lib/config.ts.
import path from "node:path";
import { rankOf } from "./layers.js";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Where a file or import lands: its top-level directory and, inside lib/, its folder. */
function place(relative) {
  const parts = relative.split(path.sep).join("/").split("/");
  if (parts[0] !== "lib") return { top: parts[0] };
  const folder = parts.length > 2 ? parts[1] : parts[1]?.replace(/\.(ts|tsx|js)$/, "");
  return { top: "lib", folder };
}

function importedPlace(filename, specifier) {
  if (specifier.startsWith("@/")) return place(specifier.slice(2));
  if (specifier.startsWith(".")) return place(path.relative(ROOT, path.resolve(path.dirname(filename), specifier)));
  return null;
}

const layers = {
  meta: { type: "problem", schema: [], messages: { upward: "{{from}} must not import {{to}}: {{why}}" } },
  create(context) {
    const from = place(path.relative(ROOT, context.filename));
    if (from.top !== "lib" && from.top !== "components") return {};
    const check = (node, specifier) => {
      if (typeof specifier !== "string") return;
      const to = importedPlace(context.filename, specifier);
      if (!to) return;
      const report = (why) => context.report({ node, messageId: "upward", data: { from: describe(from), to: describe(to), why } });
      if (to.top === "app") return report("app/ is the top layer; pass what is needed down as an argument or prop");
      if (from.top === "components") return;
      if (to.top === "components") return report("lib/ never imports UI");
      if (to.top !== "lib" || to.folder === from.folder) return;
      const own = rankOf(from.folder);
      const other = rankOf(to.folder);
      if (own === undefined) return report(`lib/${from.folder} is in no layer of scripts/layers.js`);
      if (other === undefined) return report(`lib/${to.folder} is in no layer of scripts/layers.js`);
      if (other >= own) return report(`lib/${to.folder} is not below lib/${from.folder} (scripts/layers.js)`);
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source.value),
    };
  },
};

function describe(where) {
  return where.top === "lib" ? `lib/${where.folder}` : `${where.top}/`;
}

const settingsOnlyInConfig = {
  meta: {
    type: "problem",
    schema: [],
    messages: { env: "Read settings through lib/config.ts, which validates them; process.env is read nowhere else." },
  },
  create(context) {
    return {
      MemberExpression(node) {
        if (node.object.type !== "Identifier" || node.object.name !== "process" || node.computed || node.property.name !== "env") return;
        // process.env.NEXT_RUNTIME is a constant Next replaces at build time, not a setting.
        const parent = node.parent;
        if (parent?.type === "MemberExpression" && parent.object === node && !parent.computed && parent.property.name === "NEXT_RUNTIME") return;
        context.report({ node, messageId: "env" });
      },
    };
  },
};

export const berthRules = { rules: { layers, "settings-only-in-config": settingsOnlyInConfig } };
