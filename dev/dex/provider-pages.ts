// Replacements for the pages oidc-provider renders itself (error, logout, signed-out). Its
// defaults load Google Fonts and ask the user to confirm logout; a Dex stand-in should do neither.
import type { ErrorOut, KoaContextWithOIDC } from "oidc-provider";
import { contentSecurityPolicy, escapeHtml, layout, newScriptNonce } from "./html";

export function errorPage(message: string, details: Record<string, unknown> = {}): string {
  const rows = Object.entries(details)
    .filter(([, value]) => typeof value === "string" && value !== "")
    .map(([key, value]) => `<li><strong>${escapeHtml(key)}</strong>: ${escapeHtml(String(value))}</li>`)
    .join("\n");
  return layout("Berth — sign-in error (Dex stand-in)", `
<h1>Sign-in error</h1>
<p class="error" role="alert">${escapeHtml(message)}</p>
${rows ? `<ul class="note">${rows}</ul>` : ""}
<p class="note">Start again from the portal.</p>`);
}

/** `renderError`: shown when the error cannot be sent back to the client (e.g. unknown redirect_uri). */
export function renderError(ctx: KoaContextWithOIDC, out: ErrorOut): void {
  ctx.type = "html";
  ctx.set("Content-Security-Policy", contentSecurityPolicy());
  ctx.body = errorPage(out.error_description ?? "The request was refused.", { error: out.error });
}

/**
 * `features.rpInitiatedLogout.logoutSource`: oidc-provider hands us a form carrying the
 * anti-forgery token; we add `logout=yes` (end the whole session, like Dex) and submit it at
 * once, so RP-initiated logout needs no confirmation. Without JavaScript a button remains.
 */
export function logoutSource(ctx: KoaContextWithOIDC, form: string): void {
  const nonce = newScriptNonce();
  const autoForm = form.replace("</form>", '<input type="hidden" name="logout" value="yes"/></form>');
  ctx.type = "html";
  ctx.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  ctx.body = layout("Berth — signing out (Dex stand-in)", `
<h1>Signing out…</h1>
${autoForm}
<noscript><button type="submit" form="op.logoutForm">Sign out</button></noscript>
<script nonce="${nonce}">document.forms[0].submit();</script>`);
}

/** Shown after logout when the client sent no post_logout_redirect_uri. */
export function postLogoutSuccessSource(ctx: KoaContextWithOIDC): void {
  ctx.type = "html";
  ctx.set("Content-Security-Policy", contentSecurityPolicy());
  ctx.body = layout("Berth — signed out (Dex stand-in)", `
<h1>Signed out</h1>
<p>You are signed out of the Dex stand-in.</p>`);
}
