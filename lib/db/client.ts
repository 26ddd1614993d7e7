// The one Prisma client of the process, over node-postgres (Prisma 7 driver adapter).
// Created on first use, not at import: `next build` imports server modules without a database.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseSettings } from "@/lib/config";
import { PrismaClient } from "./generated/client";

function createClient(): PrismaClient {
  const { url, poolSize } = databaseSettings();
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) });
}

// Kept on globalThis so dev-server hot reloads do not open a new pool each time.
const globalForPrisma = globalThis as unknown as { berthPrisma?: PrismaClient };

function client(): PrismaClient {
  globalForPrisma.berthPrisma ??= createClient();
  return globalForPrisma.berthPrisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value: unknown = Reflect.get(real, property);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
