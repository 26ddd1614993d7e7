// Runs `prisma generate` without network access. Prisma's CLI wants a native schema
// engine path even though generate never executes it; any existing file satisfies it.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
env.CHECKPOINT_DISABLE = "1";

const result = spawnSync("prisma", ["generate"], { stdio: "inherit", env, shell: false });
process.exit(result.status ?? 1);
