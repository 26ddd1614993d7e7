"use server";
// Starts the OIDC sign-in with Dex. Only a path on this portal is accepted as the return address.
import { signIn, signOut } from "@/lib/auth/auth";
import { safeReturnPath } from "@/lib/auth/return-path";

export async function signInWithDexAction(formData: FormData): Promise<void> {
  await signIn("dex", { redirectTo: safeReturnPath(formData.get("callbackUrl")) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin?signedOut=1" });
}
