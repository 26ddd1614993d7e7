// "Prove this event": the inclusion proof of this event in the latest signed checkpoint,
// generated and verified on the server (a read: it changes nothing, so a link is fine).
import Link from "next/link";
import type { Ctx } from "@/lib/model/actor";
import { proveEvent, type InclusionProof } from "@/lib/audit-trail/proofs";
import { ExpectedError } from "@/lib/model/errors";

export async function ProofSection({ ctx, seq, prove }: { ctx: Ctx; seq: string; prove: boolean }) {
  let proof: InclusionProof | null = null;
  let problem: string | null = null;
  if (prove) {
    try {
      proof = await proveEvent(ctx, { seq });
    } catch (error) {
      if (!(error instanceof ExpectedError)) throw error;
      problem = error.message;
    }
  }
  return (
    <section className="mt-6" aria-label="Proof">
      <h2 className="font-medium">Proof</h2>
      {!prove && (
        <Link href={`/audit/events/${seq}?prove=1`} className="mt-2 inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sm">
          Prove this event
        </Link>
      )}
      {problem && (
        <p role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {problem}
        </p>
      )}
      {proof && (
        <>
          <p role="status" className="mt-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
            Event {proof.seq} is leaf {proof.leafIndex} of the tree of {proof.treeSize} events whose root <span className="font-mono break-all">{proof.rootHash}</span> is
            signed by checkpoint {proof.treeSize}: the proof of {proof.proof.length} hashes verifies.
          </p>
          <p className="mt-2 text-sm text-slate-600">
            Keep this JSON and check it offline: <code>npx tsx scripts/verify-bundle.ts --proof proof.json --key &lt;public key&gt;</code>, or
            print it again with <code>npm run audit:prove -- {proof.seq}</code>.
          </p>
          <pre className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(proof, null, 2)}</pre>
        </>
      )}
    </section>
  );
}
