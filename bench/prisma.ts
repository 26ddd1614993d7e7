// A Prisma client for the benchmark database, built like the app's (driver adapter over pg).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/db/generated/client";

export function benchPrisma(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 4 }) });
}
