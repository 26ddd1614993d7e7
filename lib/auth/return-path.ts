// A return address after sign-in: a path on this portal, never another site.

export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string") return "/";
  // "//evil.example" and "/\evil.example" are protocol-relative URLs to another host.
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f]/.test(value)) return "/";
  return value.slice(0, 512);
}
