import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold">You do not have access to this page</h1>
      <p className="mt-4 text-slate-600">
        Your account does not hold the role this page needs. If you think it should, ask your Kubeflow administrators.
      </p>
      <Link href="/" className="mt-8 inline-block text-brand-600 underline">
        Back to Berth
      </Link>
    </main>
  );
}
