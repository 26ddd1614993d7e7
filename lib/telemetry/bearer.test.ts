import { describe, expect, it } from "vitest";
import { checkBearer } from "./bearer";

const TOKEN = "0123456789abcdef0123456789abcdef";

describe("the metrics bearer check (THREATS 88)", () => {
  it("allows only the exact token, sent as a bearer credential", () => {
    expect(checkBearer(`Bearer ${TOKEN}`, TOKEN)).toBe("allowed");
    expect(checkBearer(`Bearer ${TOKEN}x`, TOKEN)).toBe("refused");
    expect(checkBearer(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe("refused");
    expect(checkBearer(`bearer${TOKEN}`, TOKEN)).toBe("refused");
    expect(checkBearer(`Basic ${TOKEN}`, TOKEN)).toBe("refused");
    expect(checkBearer(null, TOKEN)).toBe("refused");
    expect(checkBearer("Bearer ", TOKEN)).toBe("refused");
  });

  it("says when no token is configured, whatever is sent", () => {
    expect(checkBearer(`Bearer ${TOKEN}`, undefined)).toBe("no_token_configured");
    expect(checkBearer(null, undefined)).toBe("no_token_configured");
  });
});
