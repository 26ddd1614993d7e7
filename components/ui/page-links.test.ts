import { describe, expect, it } from "vitest";
import { pagesAround } from "./page-links";

describe("page links", () => {
  it("offers the first, the last and two either side of the current page, with gaps between", () => {
    expect(pagesAround(1, 1)).toEqual([1]);
    expect(pagesAround(1, 4)).toEqual([1, 2, 3, 4]);
    expect(pagesAround(6, 20)).toEqual([1, "gap", 4, 5, 6, 7, 8, "gap", 20]);
    expect(pagesAround(20, 20)).toEqual([1, "gap", 18, 19, 20]);
  });
});
