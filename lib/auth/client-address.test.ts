// The client address trusts exactly BERTH_TRUSTED_PROXY_HOPS entries from the right (THREATS 65).
import { describe, expect, it } from "vitest";
import { clientAddressFrom } from "./client-address";
import { SettingsError, trustedProxyHops } from "@/lib/config";

describe("clientAddressFrom", () => {
  it("trusts nothing with 0 hops: whatever the client sends is ignored", () => {
    expect(clientAddressFrom("203.0.113.9", 0)).toBeUndefined();
    expect(clientAddressFrom("203.0.113.9, 10.0.0.1", 0)).toBeUndefined();
  });

  it("takes the entry the outermost trusted proxy appended, not the client's leftmost claim", () => {
    expect(clientAddressFrom("6.6.6.6, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientAddressFrom("6.6.6.6, 198.51.100.7, 10.0.0.1", 2)).toBe("198.51.100.7");
    expect(clientAddressFrom("2001:db8::1", 1)).toBe("2001:db8::1");
  });

  it("gives no address when the header is shorter than the proxy chain or the entry is not an address", () => {
    expect(clientAddressFrom("10.0.0.1", 2)).toBeUndefined();
    expect(clientAddressFrom(null, 1)).toBeUndefined();
    expect(clientAddressFrom("6.6.6.6, <script>", 1)).toBeUndefined();
  });

  it("reads the hop count from BERTH_TRUSTED_PROXY_HOPS, 0 by default, refusing a bad value", () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ BERTH_TRUSTED_PROXY_HOPS: "2" })).toBe(2);
    expect(() => trustedProxyHops({ BERTH_TRUSTED_PROXY_HOPS: "-1" })).toThrow(SettingsError);
  });
});
