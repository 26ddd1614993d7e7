// Lint rules: Next's recommended set (React, hooks, accessibility, Core Web Vitals) with
// TypeScript's, plus the project's own boundaries between app/, lib/ and dev/.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { berthRules } from "./scripts/lint-rules.js";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", ".data/**", "node_modules/**", "lib/db/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // Data flows one way: lib/ never reaches up into app/, and product code never loads the stand-ins.
    files: ["lib/**/*.ts", "lib/**/*.tsx", "app/**/*.ts", "app/**/*.tsx", "components/**/*.tsx", "proxy.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/dev/*", "**/dev/*"], message: "dev/ holds local stand-ins; product code must not import them." },
          ],
        },
      ],
    },
  },
  {
    // Layers import downward only (scripts/layers.js); settings are read only in lib/config.ts.
    // Tests are exempt: an integration test drives the system from above on purpose.
    files: ["lib/**/*.ts", "lib/**/*.tsx", "components/**/*.tsx", "components/**/*.ts"],
    ignores: ["**/*.test.ts"],
    plugins: { berth: berthRules },
    rules: { "berth/layers": "error" },
  },
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx", "app/**/*.ts", "app/**/*.tsx", "components/**/*.ts", "components/**/*.tsx", "proxy.ts", "instrumentation.ts"],
    ignores: ["lib/config.ts", "**/*.test.ts"],
    plugins: { berth: berthRules },
    rules: { "berth/settings-only-in-config": "error" },
  },
];

export default config;
