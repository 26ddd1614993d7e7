// The serving certificate: what it names and allows, and when a saved one is reused or replaced.
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { servingCert } from "./serving-cert";

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "serving-cert-"));
  file = path.join(dir, "kube.json.tls.json");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const DAY = 24 * 60 * 60 * 1000;

describe("servingCert", () => {
  it("is a self-signed P-256 certificate for localhost and 127.0.0.1, valid for a year", async () => {
    const now = new Date("2026-03-01T12:00:00Z");
    const { certPem, keyPem } = await servingCert("127.0.0.1", undefined, now);
    const cert = new X509Certificate(certPem);
    expect(cert.subjectAltName).toContain("DNS:localhost");
    expect(cert.subjectAltName).toContain("IP Address:127.0.0.1");
    expect(cert.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(cert.checkHost("localhost")).toBe("localhost");
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.ca).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
    expect(Date.parse(cert.validFrom)).toBeLessThanOrEqual(now.getTime());
    expect(Date.parse(cert.validTo) - now.getTime()).toBeGreaterThanOrEqual(364 * DAY);
    expect(keyPem).toContain("PRIVATE KEY");
  });

  it("names another bind address too", async () => {
    const cert = new X509Certificate((await servingCert("berth.test")).certPem);
    expect(cert.checkHost("berth.test")).toBe("berth.test");
  });

  it("is saved owner-only and reused while valid", async () => {
    const first = await servingCert("127.0.0.1", file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await servingCert("127.0.0.1", file)).toEqual(first);
    // Close to expiry it is replaced, and the replacement is saved.
    const late = await servingCert("127.0.0.1", file, new Date(Date.now() + 360 * DAY));
    expect(late.certPem).not.toBe(first.certPem);
    expect(JSON.parse(readFileSync(file, "utf8")).certPem).toBe(late.certPem);
  });

  it("is replaced when it does not name the address or the file is damaged", async () => {
    const first = await servingCert("127.0.0.1", file);
    const other = await servingCert("berth.test", file);
    expect(other.certPem).not.toBe(first.certPem);
    writeFileSync(file, "{not json");
    const fresh = await servingCert("127.0.0.1", file);
    expect(fresh.certPem).not.toBe(other.certPem);
    expect(await servingCert("127.0.0.1", file)).toEqual(fresh);
  });
});
