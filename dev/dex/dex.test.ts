// The Dex stand-in as the portal sees it: discovery, the login form, code + PKCE + state +
// nonce, a signed ID token with Dex's claims, refresh with live groups, and RP-initiated logout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dexSubject } from "./accounts";
import { LOGIN_ERROR_MESSAGE, LOGIN_PAGE_TITLE } from "./login-page";
import {
  authorizeUrl,
  CookieJar,
  type Discovery,
  followToClient,
  location,
  pkcePair,
  randomToken,
  send,
  type TestClient,
  tokenRequest,
  verifyIdToken,
} from "./oidc-test-client";
import { type DexStandIn, startDexStandIn } from "./server";

const client: TestClient = {
  clientId: "berth-portal",
  clientSecret: "test-secret-that-is-long-enough",
  redirectUri: "http://localhost:3000/api/auth/callback/dex",
};
const signedOutUri = "http://localhost:3000/signed-out";
const SCOPE = "openid email profile groups";

let dex: DexStandIn;
let discovery: Discovery;

beforeAll(async () => {
  dex = await startDexStandIn({
    port: 0,
    clients: [{ ...client, redirectUris: [client.redirectUri], postLogoutRedirectUris: [signedOutUri] }],
  });
  discovery = (await (await fetch(`${dex.issuer}/.well-known/openid-configuration`)).json()) as Discovery;
});

afterAll(async () => {
  await dex?.stop();
});

/** Starts an authorization request and returns the login page's URL plus what the RP must keep. */
async function startAuthorization(jar: CookieJar, scope = SCOPE) {
  const { verifier, challenge } = pkcePair();
  const state = randomToken();
  const nonce = randomToken();
  const response = await send(authorizeUrl(discovery, client, { scope, state, nonce, challenge }), jar);
  expect(response.status).toBe(303);
  return { loginUrl: location(response, discovery.authorization_endpoint), verifier, state, nonce };
}

async function submitLogin(loginUrl: URL, jar: CookieJar, email: string, password: string) {
  const page = await (await send(loginUrl.href, jar)).text();
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
  if (!action) throw new Error("login form not found");
  return send(new URL(action, loginUrl).href, jar, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ login: email, password }),
  });
}

/** Full sign-in as `email`; returns the callback URL and the PKCE/nonce/state values used. */
async function signIn(email: string, scope = SCOPE, jar = new CookieJar()) {
  const flow = await startAuthorization(jar, scope);
  const afterLogin = await submitLogin(flow.loginUrl, jar, email, "berth");
  expect(afterLogin.status).toBe(303);
  const callback = await followToClient(location(afterLogin, flow.loginUrl.href).href, jar, client.redirectUri);
  return { ...flow, callback, jar, code: callback.searchParams.get("code") ?? "" };
}

async function redeem(code: string, verifier: string, auth: "basic" | "post" = "basic") {
  return tokenRequest(
    discovery,
    client,
    { grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: client.redirectUri },
    auth,
  );
}

describe("discovery", () => {
  it("advertises a Dex-like issuer under /dex without a trailing slash", () => {
    expect(dex.issuer).toMatch(/^http:\/\/localhost:\d+\/dex$/);
    expect(discovery.issuer).toBe(dex.issuer);
    expect(discovery.authorization_endpoint).toBe(`${dex.issuer}/auth`);
    expect(discovery.end_session_endpoint).toBe(`${dex.issuer}/session/end`);
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(["openid", "email", "profile", "groups", "offline_access"]));
    expect(discovery.code_challenge_methods_supported).toEqual(["S256"]);
    expect(discovery.id_token_signing_alg_values_supported).toEqual(["RS256"]);
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(["client_secret_basic", "client_secret_post"]),
    );
  });
});

describe("login form", () => {
  it("is a self-contained page with labelled fields and shows an escaped error on a wrong password", async () => {
    const jar = new CookieJar();
    const { loginUrl } = await startAuthorization(jar);
    expect(loginUrl.pathname).toMatch(/^\/dex\/interaction\//);

    const page = await send(loginUrl.href, jar);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<title>${LOGIN_PAGE_TITLE}</title>`);
    expect(html).toMatch(/<label for="login">Email<\/label>\s*<input id="login"/);
    expect(html).toMatch(/<label for="password">Password<\/label>\s*<input id="password" name="password" type="password"/);
    expect(html).toContain('<button type="submit">Sign in</button>');
    expect(html).toContain("grace@example.com");
    expect(html).not.toMatch(/<link|<script|src=|https?:\/\/(?!localhost)/);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");

    const wrong = await submitLogin(loginUrl, jar, "grace@example.com", "not-the-password");
    expect(wrong.status).toBe(401);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain(LOGIN_ERROR_MESSAGE);
    expect(wrongHtml).toContain('value="grace@example.com"');

    const hostile = await submitLogin(loginUrl, jar, '"><script>alert(1)</script>', "x");
    expect(hostile.status).toBe(401);
    const hostileHtml = await hostile.text();
    expect(hostileHtml).not.toContain("<script>alert(1)</script>");
    expect(hostileHtml).toContain("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");

    // The same interaction still accepts the right password afterwards.
    const right = await submitLogin(loginUrl, jar, "grace@example.com", "berth");
    expect(right.status).toBe(303);
  });
});

describe("authorization code + PKCE", () => {
  it("signs Grace in and returns a verifiable ID token with her admin group", async () => {
    const { callback, state, nonce, code, verifier } = await signIn("grace@example.com");
    expect(callback.searchParams.get("state")).toBe(state);
    expect(callback.searchParams.get("iss")).toBe(dex.issuer);
    expect(code).not.toBe("");

    const { status, json } = await redeem(code, verifier);
    expect(status).toBe(200);
    expect(json.refresh_token).toBeUndefined(); // no offline_access requested

    const claims = await verifyIdToken(String(json.id_token), discovery);
    expect(claims).toMatchObject({
      iss: dex.issuer,
      aud: client.clientId,
      sub: dexSubject("grace"),
      nonce,
      email: "grace@example.com",
      email_verified: true,
      name: "Grace Hopper",
      groups: ["kubeflow-admins"],
    });

    const userinfo = await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${String(json.access_token)}` } });
    expect(await userinfo.json()).toMatchObject({ sub: dexSubject("grace"), email: "grace@example.com", groups: ["kubeflow-admins"] });
  });

  it("gives Eve no groups (client_secret_post authentication)", async () => {
    const { code, verifier } = await signIn("eve@example.com");
    const { status, json } = await redeem(code, verifier, "post");
    expect(status).toBe(200);
    const claims = await verifyIdToken(String(json.id_token), discovery);
    expect(claims.email).toBe("eve@example.com");
    expect(claims.groups).toEqual([]); // present and empty, as Dex sends it
  });

  it("rejects a wrong code_verifier", async () => {
    const { code } = await signIn("ada@example.com");
    const { status, json } = await redeem(code, pkcePair().verifier);
    expect(status).toBe(400);
    expect(json.error).toBe("invalid_grant");
  });

  it("rejects a code used twice", async () => {
    const { code, verifier } = await signIn("alan@example.com");
    expect((await redeem(code, verifier)).status).toBe(200);
    const replay = await redeem(code, verifier);
    expect(replay.status).toBe(400);
    expect(replay.json.error).toBe("invalid_grant");
  });

  it("refuses an unregistered redirect_uri without redirecting to it", async () => {
    const evil = "http://localhost:3000/evil<b>";
    const url = authorizeUrl(discovery, client, { scope: SCOPE, state: "s", nonce: "n", challenge: pkcePair().challenge, redirectUri: evil });
    const response = await send(url, new CookieJar());
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    const html = await response.text();
    expect(html).toContain("redirect_uri");
    expect(html).not.toContain("<b>");
  });

  it("requires PKCE", async () => {
    const url = authorizeUrl(discovery, client, { scope: SCOPE, state: "s", nonce: "n" });
    const response = await send(url, new CookieJar());
    const target = location(response, url);
    expect(target.href.startsWith(client.redirectUri)).toBe(true);
    expect(target.searchParams.get("error")).toBe("invalid_request");
    expect(target.searchParams.get("state")).toBe("s");
  });

  it("skips consent even when the client asks for prompt=consent", async () => {
    const { jar } = await signIn("ada@example.com");
    const { verifier, challenge } = pkcePair();
    const url = authorizeUrl(discovery, client, { scope: SCOPE, state: "again", nonce: "n2", challenge, prompt: "consent" });
    const callback = await followToClient(url, jar, client.redirectUri);
    expect(callback.searchParams.get("state")).toBe("again");
    const { status } = await redeem(callback.searchParams.get("code") ?? "", verifier);
    expect(status).toBe(200);
  });
});

describe("refresh tokens", () => {
  it("are issued for offline_access and carry the account's current groups", async () => {
    const { code, verifier } = await signIn("katherine@example.com", `${SCOPE} offline_access`);
    const first = await redeem(code, verifier);
    expect(first.status).toBe(200);
    expect(typeof first.json.refresh_token).toBe("string");
    expect((await verifyIdToken(String(first.json.id_token), discovery)).groups).toEqual(["kubeflow-admins"]);

    dex.setAccountGroups("katherine@example.com", ["data-scientists"]);
    try {
      const refreshed = await tokenRequest(discovery, client, { grant_type: "refresh_token", refresh_token: String(first.json.refresh_token) });
      expect(refreshed.status).toBe(200);
      const claims = await verifyIdToken(String(refreshed.json.id_token), discovery);
      expect(claims).toMatchObject({ iss: dex.issuer, aud: client.clientId, sub: dexSubject("katherine"), groups: ["data-scientists"] });
    } finally {
      dex.setAccountGroups("katherine@example.com", ["kubeflow-admins"]);
    }
  });

  it("setAccountGroups refuses an unknown email", () => {
    expect(() => dex.setAccountGroups("nobody@example.com", [])).toThrow(/no account/);
  });
});

describe("RP-initiated logout", () => {
  it("ends the session without a confirmation step and returns to the registered URI", async () => {
    const { jar } = await signIn("grace@example.com");
    const end = new URL(discovery.end_session_endpoint);
    end.searchParams.set("client_id", client.clientId);
    end.searchParams.set("post_logout_redirect_uri", signedOutUri);
    end.searchParams.set("state", "bye");
    const page = await send(end.href, jar);
    expect(page.status).toBe(200);
    const html = await page.text();
    // The page submits itself; a test without JavaScript submits the same form.
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1] ?? "";
    const form = new URLSearchParams([...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"\/>/g)].map((m) => [m[1] ?? "", m[2] ?? ""]));
    expect(form.get("logout")).toBe("yes");
    const done = await send(new URL(action, end).href, jar, { method: "POST", body: form });
    const target = location(done, end.href);
    expect(target.origin + target.pathname).toBe(signedOutUri);
    expect(target.searchParams.get("state")).toBe("bye");

    // Signed out: the next authorization asks for the password again.
    const again = await send(authorizeUrl(discovery, client, { scope: SCOPE, state: "s", nonce: "n", challenge: pkcePair().challenge }), jar);
    expect(location(again, end.href).pathname).toMatch(/^\/dex\/interaction\//);
  });

  it("refuses an unregistered post_logout_redirect_uri", async () => {
    const end = new URL(discovery.end_session_endpoint);
    end.searchParams.set("client_id", client.clientId);
    end.searchParams.set("post_logout_redirect_uri", "http://localhost:3000/elsewhere");
    const response = await send(end.href, new CookieJar());
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });
});
