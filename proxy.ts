// Runs before every page request: tags it with a request id for the audit trail, gives it a
// Content-Security-Policy with a fresh nonce (Next puts the nonce on its own scripts when it
// finds the policy among the request's headers), and sends visitors without a session cookie
// to sign-in. It is a convenience, not a security boundary: pages, actions and data functions
// each check the session themselves.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, HSTS, newNonce, servedOverHttps } from "@/lib/auth/security-headers";
import { headerSettings } from "@/lib/config";
import { MAX_BODY_BYTES } from "@/lib/operations/form-fields";

// /api/metrics checks its own bearer token: a scraper has no session to be sent to sign-in with.
const PUBLIC_PATHS = ["/signin", "/api/auth", "/api/healthz", "/api/readyz", "/api/metrics"];

function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.getAll().some(({ name }) => /^(__Secure-)?authjs\.session-token(\.\d+)?$/.test(name));
}

export function proxy(request: NextRequest) {
  const requestId = crypto.randomUUID();
  const headers = new Headers(request.headers);
  // Never trust a request id supplied by the client.
  headers.set("x-request-id", requestId);

  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, headerSettings());
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const secure = (response: NextResponse) => {
    response.headers.set("content-security-policy", policy);
    if (servedOverHttps(request.nextUrl, request.headers.get("x-forwarded-proto"))) response.headers.set("strict-transport-security", HSTS);
    return response;
  };

  // Next would read such a body and fail with a 500; the declared length is enough to refuse it (THREATS 72).
  if (request.method === "POST" && Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return secure(new NextResponse("This form is too large to be accepted.\n", { status: 413, headers: { "content-type": "text/plain; charset=utf-8" } }));
  }

  const { pathname, search } = request.nextUrl;
  // Lets a page send the person back here after confirming their roles with Dex.
  headers.set("x-berth-path", `${pathname}${search}`);
  const isPublic = PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
  if (!isPublic && !hasSessionCookie(request) && request.method === "GET") {
    const signIn = new URL("/signin", request.url);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return secure(NextResponse.redirect(signIn));
  }
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  return secure(response);
}

// Static files from public/ that anyone may fetch: the favicon, and robots.txt, which tells
// crawlers that reach an internal portal to index nothing.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico$|robots\\.txt$).*)"],
};
