import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/model/errors";
import { parseExportedHead } from "./head";

const hash = "a".repeat(64);

describe("exported head", () => {
  it("reads the downloaded JSON and the short seq:hash form", () => {
    expect(parseExportedHead(JSON.stringify({ seq: "42", hash, at: "2026-11-27T04:00:00Z" }))).toEqual({ seq: 42n, hash });
    expect(parseExportedHead(` 42:${hash}\n`)).toEqual({ seq: 42n, hash });
  });

  it.each(["", "42", `0:${hash}`, `42:${"g".repeat(64)}`, "{not json", JSON.stringify({ seq: "1 OR 1=1", hash })])("refuses %j", (text) => {
    expect(() => parseExportedHead(text)).toThrow(ValidationError);
  });
});
