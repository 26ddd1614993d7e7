import { describe, expect, it } from "vitest";
import { cidrProblem, egressAllowText, readGuardrails, toGuardrails } from "./guardrails";

describe("readGuardrails", () => {
  it("defaults to baseline and no internet", () => {
    expect(readGuardrails({})).toEqual({ guardrails: { podSecurity: "baseline", egressAllow: [] }, errors: {} });
  });

  it("refuses privileged without the override, and an unknown level (THREATS 50)", () => {
    expect(readGuardrails({ podSecurity: "privileged" }).errors.podSecurity?.[0]).toMatch(/override/);
    expect(readGuardrails({ podSecurity: "privileged", privilegedOverride: "on" }).errors).toEqual({});
    expect(readGuardrails({ podSecurity: "root" }).errors.podSecurity?.[0]).toMatch(/baseline, restricted or privileged/);
  });

  it("parses one allowlist entry per line: CIDR, then ports (TCP unless named)", () => {
    const { guardrails, errors } = readGuardrails({ egressAllow: "203.0.113.0/24 443 8443/tcp\n\n2001:db8::/32 53/UDP\n10.0.0.1/32" });
    expect(errors).toEqual({});
    expect(guardrails.egressAllow).toEqual([
      { cidr: "203.0.113.0/24", ports: [{ port: 443, protocol: "TCP" }, { port: 8443, protocol: "TCP" }] },
      { cidr: "2001:db8::/32", ports: [{ port: 53, protocol: "UDP" }] },
      { cidr: "10.0.0.1/32", ports: [] },
    ]);
    expect(egressAllowText(guardrails.egressAllow)).toBe("203.0.113.0/24 443 8443\n2001:db8::/32 53/UDP\n10.0.0.1/32");
  });

  it("names every bad entry on the field", () => {
    const { errors } = readGuardrails({ egressAllow: "example.com 443\n10.0.0.0/33\n10.0.0.0/8 70000\n10.0.0.0/8 53/ICMP\n256.1.1.1/8" });
    expect(errors.egressAllow).toHaveLength(5);
    expect(errors.egressAllow?.[0]).toMatch(/not a CIDR/);
    expect(errors.egressAllow?.[2]).toMatch(/between 1 and 65535/);
    expect(errors.egressAllow?.[3]).toMatch(/TCP, UDP or SCTP/);
  });

  it("caps the number of entries", () => {
    const lines = Array.from({ length: 21 }, (_, i) => `10.0.${i}.0/24`).join("\n");
    expect(readGuardrails({ egressAllow: lines }).errors.egressAllow?.[0]).toMatch(/At most 20/);
  });

  it("checks CIDRs by family", () => {
    expect(cidrProblem("0.0.0.0/0")).toBeUndefined();
    expect(cidrProblem("::/0")).toBeUndefined();
    expect(cidrProblem("fe80::1::2/64")).toMatch(/not a CIDR/);
    expect(cidrProblem("2001:db8::/129")).toMatch(/at most \/128/);
  });

  it("reads stored values back, falling back to the defaults", () => {
    expect(toGuardrails("restricted", [])).toEqual({ podSecurity: "restricted", egressAllow: [] });
    expect(toGuardrails(null, null)).toEqual({ podSecurity: "baseline", egressAllow: [] });
  });
});
