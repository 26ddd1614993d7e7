// The stand-in's TLS serving certificate: self-signed (it is its own CA, so a kubeconfig can
// trust it through certificate-authority-data), kept next to the state file and reused while valid.
import { createPrivateKey, X509Certificate } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { generate } from "selfsigned";

export interface ServingCert {
  certPem: string;
  keyPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const VALIDITY_MS = 365 * DAY_MS;
/** A saved certificate this close to expiry is replaced, so it cannot expire during a dev session. */
const RENEW_BEFORE_MS = 7 * DAY_MS;
/** notBefore lies in the past so that a client whose clock is slightly behind still accepts it. */
const BACKDATE_MS = 60 * 60 * 1000;
const FILE_KIND = "BerthKubeApiStandInServingCert";

/** What the certificate names: the usual loopback names, plus the address the server binds if it is another one. */
function subjectAltNames(host: string): string[] {
  return [...new Set(["localhost", "127.0.0.1", "::1", host])];
}

export async function generateServingCert(host: string, now = new Date()): Promise<ServingCert> {
  const notBeforeDate = new Date(now.getTime() - BACKDATE_MS);
  const pems = await generate([{ name: "commonName", value: "berth-kube-api-stand-in" }], {
    // EC P-256 takes milliseconds to generate; an RSA key would slow down every test that starts a stand-in.
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256", // the library's default is sha1, which Go's crypto/x509 (kubectl) rejects
    notBeforeDate,
    notAfterDate: new Date(now.getTime() + VALIDITY_MS),
    extensions: [
      // The certificate is its own trust anchor, so it is marked as a CA that may sign (itself).
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", digitalSignature: true, keyCertSign: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: subjectAltNames(host).map((name) => (isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name })),
      },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}

/** Whether a saved certificate can serve `host` for a while yet, with a key that belongs to it. */
function usable(saved: ServingCert, host: string, now: Date): boolean {
  const cert = new X509Certificate(saved.certPem);
  if (Date.parse(cert.validFrom) > now.getTime() || Date.parse(cert.validTo) - now.getTime() < RENEW_BEFORE_MS) return false;
  if (!(isIP(host) ? cert.checkIP(host) : cert.checkHost(host))) return false;
  return cert.checkPrivateKey(createPrivateKey(saved.keyPem));
}

function load(file: string, host: string, now: Date): ServingCert | undefined {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as Partial<ServingCert> & { kind?: string };
    if (data.kind !== FILE_KIND || typeof data.certPem !== "string" || typeof data.keyPem !== "string") return undefined;
    const saved = { certPem: data.certPem, keyPem: data.keyPem };
    return usable(saved, host, now) ? saved : undefined;
  } catch {
    // Missing, unreadable or damaged: a new certificate is cheap, so there is nothing to report.
    return undefined;
  }
}

/**
 * The certificate to serve with. With a file, a saved one is reused while it is valid, so a kubeconfig
 * written by an earlier run (or copied elsewhere) keeps trusting the server across restarts.
 */
export async function servingCert(host: string, file?: string, now = new Date()): Promise<ServingCert> {
  const saved = file === undefined ? undefined : load(file, host, now);
  if (saved) return saved;
  const fresh = await generateServingCert(host, now);
  if (file !== undefined) {
    mkdirSync(path.dirname(file), { recursive: true });
    // Atomic and owner-only: the file holds the private key.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ kind: FILE_KIND, ...fresh }, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  }
  return fresh;
}
