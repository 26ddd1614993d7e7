// `npm run audit:keygen -- <name>`: a new Ed25519 checkpoint key. The first line is the
// secret for BERTH_AUDIT_SIGNING_KEY (a Kubernetes Secret); the second is the public key to
// publish (README, the audit pages) and to give verifiers.
import { generateSignerKey } from "@/lib/audit/checkpoint-note";

const name = process.argv[2];
if (!name) {
  console.error("usage: npm run audit:keygen -- <key name, e.g. berth.example.com/audit>");
  process.exit(2);
}
const { signerKey, verifierKey } = generateSignerKey(name);
console.log(`BERTH_AUDIT_SIGNING_KEY=${signerKey}`);
console.log(`public key: ${verifierKey}`);
