// Prisma CLI configuration. Only `prisma generate` is used: migrations are plain SQL
// applied by lib/db/migrate.ts, so no database URL is needed here.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
});
