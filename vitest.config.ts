// Two projects: `unit` needs nothing running; `integration` gets a real PostgreSQL,
// the OIDC issuer and the Kubernetes API stand-in from its global setup.
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // Outside Next's react-server bundle the package throws on import; tests run server code directly.
  "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          // next-auth imports "next/server" without an extension; let Vite resolve it.
          server: { deps: { inline: ["next-auth"] } },
          include: ["{lib,dev,app,components,scripts,deploy}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          include: ["{lib,dev,app,scripts}/**/*.int.test.ts"],
          globalSetup: ["./test/integration-setup.ts"],
          setupFiles: ["./test/integration-env.ts"],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
