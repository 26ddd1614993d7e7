import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentCtx } from "@/lib/auth/session";
import { safeReturnPath } from "@/lib/auth/return-path";
import { signInWithDexAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

// Auth.js reports failures with a code in ?error=; none of them reveals more than this.
const ERROR_MESSAGES: Record<string, string> = {
  // Auth.js reports both an unreachable Dex and a refused callback (bad state, replayed code) this way.
  Configuration: "Sign-in could not be completed. Please try again; if it keeps failing, the identity provider may be unreachable.",
  AccessDenied: "Berth could not accept this sign-in: the identity provider's answer was refused, or your account has no verified email address.",
  Verification: "The sign-in link is no longer valid. Please start again.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; signedOut?: string; reauth?: string }>;
}) {
  const params = await searchParams;
  if (!params.reauth && (await currentCtx())) redirect(safeReturnPath(params.callbackUrl));
  const error = params.error ? (ERROR_MESSAGES[params.error] ?? "Sign-in failed. Please try again.") : null;

  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6">
      <h1 className="text-3xl font-semibold text-brand-900">Berth</h1>
      <p className="mt-2 text-slate-600">Request, approve and audit Kubeflow workspaces.</p>
      {error && (
        <p role="alert" className="mt-6 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      )}
      {params.reauth && !error && (
        <p role="status" className="mt-6 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          Please confirm your sign-in: admin and auditor rights are re-checked with Dex every few minutes.
        </p>
      )}
      {params.signedOut && !error && (
        <p role="status" className="mt-6 rounded-md border border-slate-200 bg-white p-3 text-sm">
          You have signed out.
        </p>
      )}
      <form action={signInWithDexAction} className="mt-8">
        <input type="hidden" name="callbackUrl" value={safeReturnPath(params.callbackUrl)} />
        <button
          type="submit"
          className="w-full rounded-md bg-brand-600 px-4 py-2.5 font-medium text-white hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2"
        >
          Sign in with Dex
        </button>
      </form>
      <p className="mt-4 text-xs text-slate-500">You will be sent to your organisation&apos;s sign-in page.</p>
    </main>
  );
}
