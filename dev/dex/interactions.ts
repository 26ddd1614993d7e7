// Serves the interaction pages oidc-provider redirects to: shows the login form, checks the
// password, and reports the result back with interactionFinished. Consent is never shown.
import type { IncomingMessage, ServerResponse } from "node:http";
import Provider, { errors } from "oidc-provider";
import type { AccountStore } from "./accounts";
import { grantRequested } from "./grants";
import { contentSecurityPolicy } from "./html";
import { renderLoginPage } from "./login-page";
import { errorPage } from "./provider-pages";

const MAX_FORM_BYTES = 16 * 1024;

export interface InteractionRoutes {
  /** Handles the request if `pathname` is an interaction route; returns false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean>;
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Security-Policy": contentSecurityPolicy(),
    "X-Content-Type-Options": "nosniff",
  });
  res.end(html);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) return new URLSearchParams();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_FORM_BYTES) throw new Error("login form too large");
    chunks.push(buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export function createInteractionRoutes(provider: Provider, accounts: AccountStore, mountPath: string): InteractionRoutes {
  const pattern = new RegExp(`^${mountPath}/interaction/([A-Za-z0-9_-]+)(/login)?$`);

  // The interaction named by the cookie must be the one in the URL: a stale tab must not
  // complete somebody else's (or a newer) sign-in.
  async function loadInteraction(req: IncomingMessage, res: ServerResponse, uid: string) {
    try {
      const interaction = await provider.interactionDetails(req, res);
      return interaction.uid === uid ? interaction : undefined;
    } catch (error) {
      if (error instanceof errors.SessionNotFound) return undefined;
      throw error;
    }
  }

  async function showPrompt(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    const interaction = await loadInteraction(req, res, uid);
    if (!interaction) return sendHtml(res, 400, errorPage("This sign-in request has expired or is not from this browser."));

    const { prompt, params, session, grantId } = interaction;
    if (prompt.name === "login") {
      return sendHtml(res, 200, renderLoginPage({ action: `${mountPath}/interaction/${uid}/login`, accounts: accounts.list() }));
    }
    if (prompt.name === "consent" && session?.accountId && typeof params.client_id === "string") {
      // Reached only when a client sends prompt=consent: record consent and carry on.
      const details = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      const grant = await grantRequested(provider, {
        grantId,
        accountId: session.accountId,
        clientId: params.client_id,
        scopes: details.missingOIDCScope ?? [],
        claims: details.missingOIDCClaims ?? [],
      });
      return provider.interactionFinished(req, res, { consent: { grantId: grant.jti } }, { mergeWithLastSubmission: true });
    }
    return provider.interactionFinished(
      req,
      res,
      { error: "access_denied", error_description: `unsupported interaction: ${prompt.name}` },
      { mergeWithLastSubmission: false },
    );
  }

  async function submitLogin(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    const interaction = await loadInteraction(req, res, uid);
    if (!interaction || interaction.prompt.name !== "login") {
      return sendHtml(res, 400, errorPage("This sign-in request has expired or is not from this browser."));
    }
    const form = await readForm(req);
    const email = form.get("login") ?? "";
    const account = accounts.authenticate(email, form.get("password") ?? "");
    if (!account) {
      // 401 with the form again: the same page, the typed email kept, the message shown.
      const action = `${mountPath}/interaction/${uid}/login`;
      return sendHtml(res, 401, renderLoginPage({ action, email, failed: true, accounts: accounts.list() }));
    }
    return provider.interactionFinished(req, res, { login: { accountId: account.subject } }, { mergeWithLastSubmission: false });
  }

  return {
    async handle(req, res, pathname) {
      const match = pattern.exec(pathname);
      if (!match) return false;
      const [, uid = "", login] = match;
      if (!login && req.method === "GET") await showPrompt(req, res, uid);
      else if (login && req.method === "POST") await submitLogin(req, res, uid);
      else {
        res.writeHead(405, { Allow: login ? "POST" : "GET", "Content-Type": "text/plain" });
        res.end("Method not allowed");
      }
      return true;
    },
  };
}
