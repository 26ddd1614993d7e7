// HTML plumbing shared by the stand-in's pages: escaping, one small self-contained layout
// (no remote fonts, scripts or images), and the Content-Security-Policy that proves it.
import { randomBytes } from "node:crypto";

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A fresh nonce for the one page that needs an inline script (the logout auto-submit). */
export function newScriptNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * Nothing may load from anywhere. `form-action` is deliberately absent: browsers apply it to the
 * redirect chain after a submit, and sign-in ends with a redirect to the portal's origin.
 */
export function contentSecurityPolicy(scriptNonce?: string): string {
  const script = scriptNonce ? `; script-src 'nonce-${scriptNonce}'` : "";
  return `default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'${script}`;
}

const STYLE = `
  body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1d2230; margin: 0; }
  main { max-width: 26rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 8px;
         box-shadow: 0 1px 3px rgba(0, 0, 0, .15); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  h2 { font-size: 1rem; margin-bottom: .25rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
  input { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; border: 1px solid #9aa1b1; border-radius: 4px; }
  button { margin-top: 1.25rem; width: 100%; padding: .6rem; font-size: 1rem; font-weight: 600; color: #fff;
           background: #2456c7; border: 0; border-radius: 4px; cursor: pointer; }
  .error { color: #a4161a; background: #fde8e8; padding: .6rem .75rem; border-radius: 4px; }
  .note { font-size: .875rem; color: #4a5163; }
  code { font-size: .85em; }
`;

/** `body` must already be escaped; only `title` is escaped here. */
export function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}
