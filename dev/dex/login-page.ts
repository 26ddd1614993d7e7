// The stand-in's sign-in form. End-to-end tests find its fields by label ("Email", "Password")
// and its "Sign in" button by role, so keep those texts stable. Works without JavaScript.
import type { DemoAccount } from "./accounts";
import { escapeHtml, layout } from "./html";

export const LOGIN_PAGE_TITLE = "Berth — sign in (Dex stand-in)";
export const LOGIN_ERROR_MESSAGE = "Invalid email or password.";

export interface LoginPageInput {
  /** Where the form posts to. */
  action: string;
  /** The email typed last time, echoed back (escaped) after a failed attempt. */
  email?: string;
  failed?: boolean;
  accounts: readonly DemoAccount[];
}

export function renderLoginPage({ action, email = "", failed = false, accounts }: LoginPageInput): string {
  // The error is announced (role="alert") and tied to both fields so screen readers hear it.
  const error = failed ? `<p class="error" role="alert" id="login-error">${escapeHtml(LOGIN_ERROR_MESSAGE)}</p>` : "";
  const invalid = failed ? ' aria-invalid="true" aria-describedby="login-error"' : "";

  const body = `
<h1>Sign in to Berth</h1>
<p class="note">Local Dex stand-in for development and tests. Not a real identity provider.</p>
${error}
<form method="post" action="${escapeHtml(action)}">
  <label for="login">Email</label>
  <input id="login" name="login" type="text" inputmode="email" autocomplete="username"
         autocapitalize="none" spellcheck="false" value="${escapeHtml(email)}"${invalid}${failed ? "" : " autofocus"}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password"${invalid}${failed ? " autofocus" : ""}>
  <button type="submit">Sign in</button>
</form>
${demoAccountsNote(accounts)}`;
  return layout(LOGIN_PAGE_TITLE, body);
}

function demoAccountsNote(accounts: readonly DemoAccount[]): string {
  if (accounts.length === 0) return "";
  const passwords = new Set(accounts.map((account) => account.password));
  const shared = passwords.size === 1 ? [...passwords][0] : undefined;
  const items = accounts
    .map((account) => {
      const groups = account.groups.length ? account.groups.join(", ") : "no groups";
      const password = shared === undefined ? `, password <code>${escapeHtml(account.password)}</code>` : "";
      return `<li><code>${escapeHtml(account.email)}</code> — ${escapeHtml(account.name)} (${escapeHtml(groups)})${password}</li>`;
    })
    .join("\n    ");
  const sharedLine = shared === undefined ? "" : `<p class="note">Password for every account: <code>${escapeHtml(shared)}</code></p>`;
  return `
<section class="note" aria-labelledby="demo-accounts">
  <h2 id="demo-accounts">Demo accounts</h2>
  ${sharedLine}
  <ul>
    ${items}
  </ul>
</section>`;
}
