// Sign-in and sign-out may only send the browser back to a page of this portal.

export function safeRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  try {
    const target = new URL(url, base);
    if (target.origin === base.origin) return target.toString();
  } catch {
    // fall through to the portal's home page
  }
  return base.toString();
}
