import { describe, expect, it } from "vitest";
import { queueHref } from "./queue-pages";

describe("queue page links", () => {
  it("keep the filter in every link and leave page 1 out of the address", () => {
    expect(queueHref({}, 1)).toBe("/admin/requests");
    expect(queueHref({ tier: "small-cpu", requester: "ada@", minAgeDays: 0 }, 3)).toBe("/admin/requests?tier=small-cpu&requester=ada%40&minAgeDays=0&page=3");
  });
});
