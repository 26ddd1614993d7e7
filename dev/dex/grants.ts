// Records consent without asking: finds (or starts) the grant for an account and client and
// adds the requested OpenID scopes and claims to it. Used before the consent prompt would be
// evaluated (loadExistingGrant) and, as a fallback, when a client explicitly asks for prompt=consent.
import type Provider from "oidc-provider";

export interface GrantRequest {
  grantId?: string | undefined;
  accountId: string;
  clientId: string;
  scopes: Iterable<string>;
  claims?: Iterable<string> | undefined;
}

export async function grantRequested(provider: Provider, request: GrantRequest) {
  const existing = request.grantId ? await provider.Grant.find(request.grantId) : undefined;
  // A grant that belongs to someone else (e.g. a different person signed in on this browser)
  // must not be reused; oidc-provider would reject it anyway.
  const reusable = existing && existing.accountId === request.accountId && existing.clientId === request.clientId;
  const grant = reusable ? existing : new provider.Grant({ accountId: request.accountId, clientId: request.clientId });

  const scopes = [...request.scopes];
  if (scopes.length) grant.addOIDCScope(scopes);
  const claims = [...(request.claims ?? [])];
  if (claims.length) grant.addOIDCClaims(claims);

  await grant.save();
  return grant;
}
