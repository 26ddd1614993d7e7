// The committed SQL migrations and prisma/schema.prisma must describe the same database:
// the migrations are applied to a real PostgreSQL by the global setup, then every model,
// field, enum and index of the schema (read with Prisma's own schema parser) is compared
// with what the database holds, and every table the database holds must be modelled.
import { readFileSync } from "node:fs";
import path from "node:path";
import wasm from "@prisma/prisma-schema-wasm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum";
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType: [string, string[]] | null;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName: string | null; values: { name: string }[] }[];
    indexes: { model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: { name: string }[] }[];
  };
}

const schema = readFileSync(path.resolve("prisma/schema.prisma"), "utf8");
const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: schema }))) as Dmmf;
// Tables that exist on purpose outside the Prisma schema.
const UNMODELLED_TABLES = new Set(["berth_migrations"]);

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("stack").ownerDatabaseUrl });
  await client.connect();
});
afterAll(() => client.end());

function expectedType(field: DmmfField): { dataType: string; udtName: string } {
  if (field.isList) return { dataType: "ARRAY", udtName: field.type === "String" ? "_text" : `_${field.type.toLowerCase()}` };
  if (field.kind === "enum") {
    const enumDef = dmmf.datamodel.enums.find((e) => e.name === field.type);
    return { dataType: "USER-DEFINED", udtName: enumDef?.dbName ?? field.type };
  }
  const native = field.nativeType?.[0];
  switch (field.type) {
    case "String":
      return native === "Uuid" ? { dataType: "uuid", udtName: "uuid" } : { dataType: "text", udtName: "text" };
    case "Int":
      return { dataType: "integer", udtName: "int4" };
    case "BigInt":
      return { dataType: "bigint", udtName: "int8" };
    case "Boolean":
      return { dataType: "boolean", udtName: "bool" };
    case "Json":
      return { dataType: "jsonb", udtName: "jsonb" };
    case "DateTime":
      return native === "Timestamptz"
        ? { dataType: "timestamp with time zone", udtName: "timestamptz" }
        : { dataType: "timestamp without time zone", udtName: "timestamp" };
    default:
      throw new Error(`no mapping for Prisma type ${field.type}`);
  }
}

const columnName = (field: DmmfField) => field.dbName ?? field.name;
const tableName = (model: DmmfModel) => model.dbName ?? model.name;

describe("schema.prisma and the migrations describe the same database", () => {
  it("has exactly the modelled tables", async () => {
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    const actual = rows.map((r) => r.table_name).filter((t) => !UNMODELLED_TABLES.has(t)).sort();
    expect(actual).toEqual(dmmf.datamodel.models.map(tableName).sort());
  });

  for (const model of dmmf.datamodel.models) {
    it(`table ${tableName(model)} has the columns, types and nullability of model ${model.name}`, async () => {
      const { rows } = await client.query<{
        column_name: string;
        data_type: string;
        udt_name: string;
        is_nullable: "YES" | "NO";
      }>(
        "SELECT column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
        [tableName(model)],
      );
      const actual = Object.fromEntries(rows.map((r) => [r.column_name, { type: r.data_type, udt: r.udt_name, nullable: r.is_nullable === "YES" }]));
      const expected = Object.fromEntries(
        model.fields
          .filter((f) => f.kind !== "object")
          .map((f) => {
            const type = expectedType(f);
            // Prisma keeps scalar lists nullable in the database.
            return [columnName(f), { type: type.dataType, udt: type.udtName, nullable: f.isList || !f.isRequired }];
          }),
      );
      expect(actual).toEqual(expected);
    });
  }

  it("has the same enums with the same values in the same order", async () => {
    for (const enumDef of dmmf.datamodel.enums) {
      const { rows } = await client.query<{ label: string }>(
        "SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder",
        [enumDef.dbName ?? enumDef.name],
      );
      expect(rows.map((r) => r.label)).toEqual(enumDef.values.map((v) => v.name));
    }
  });

  it("has an index of the right kind for every @id, @unique, @@unique and @@index", async () => {
    const { rows } = await client.query<{ table: string; columns: string[]; unique: boolean; partial: boolean }>(`
      SELECT t.relname AS table, i.indisunique AS unique, i.indpred IS NOT NULL AS partial,
             array_agg(a.attname::text ORDER BY k.ord) AS columns
      FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      GROUP BY t.relname, i.indexrelid, i.indisunique, i.indpred`);
    for (const index of dmmf.datamodel.indexes) {
      if (index.type === "fulltext") continue;
      const model = dmmf.datamodel.models.find((m) => m.name === index.model);
      if (!model) throw new Error(`index on unknown model ${index.model}`);
      const columns = index.fields.map((f) => columnName(model.fields.find((mf) => mf.name === f.name) as DmmfField));
      const match = rows.find(
        (r) => r.table === tableName(model) && !r.partial && r.columns.join(",") === columns.join(",") && r.unique === (index.type !== "normal"),
      );
      expect(match, `${index.type} index on ${tableName(model)}(${columns.join(", ")})`).toBeDefined();
    }
  });
});
