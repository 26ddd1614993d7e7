// The log's public verifier key, shown wherever an auditor checks something against it.
import { publishedVerifierKey } from "@/lib/audit-trail/proofs";

export function LogKey() {
  const key = publishedVerifierKey();
  return (
    <section aria-label="Checkpoint key" className="mt-6 max-w-3xl rounded-lg bg-white p-4 text-sm shadow-sm">
      <h2 className="font-medium">Checkpoint signing key</h2>
      {key ? (
        <>
          <p className="mt-1 text-slate-600">
            Checkpoints are C2SP signed notes (Ed25519). Compare this public key with the one published outside Berth before trusting a proof.
          </p>
          <p className="mt-2 font-mono text-xs break-all">{key}</p>
        </>
      ) : (
        <p className="mt-1 text-slate-600">Checkpoints are off: BERTH_AUDIT_SIGNING_KEY is not set, so events are hash-chained but not signed.</p>
      )}
    </section>
  );
}
