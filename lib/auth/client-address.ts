// The client's address from X-Forwarded-For, trusting exactly the configured number of proxy
// hops (THREATS 65). Each trusted proxy appends the address it received the connection from,
// so with N hops the client is the N-th entry from the right; everything left of it is
// whatever the client chose to send. With 0 hops nothing in the header can be trusted, and
// Next.js gives route handlers and server actions no socket address (its server only fills
// X-Forwarded-For from the socket when the client sent none, so a client-sent value and a
// real one look the same): the address is then unknown, and every anonymous caller shares
// the denial limiter's one "unknown" key instead of choosing a fresh key per request.

const ADDRESS = /^[0-9A-Fa-f:.[\]]{2,64}$/;

export function clientAddressFrom(forwardedFor: string | null | undefined, trustedHops: number): string | undefined {
  if (trustedHops < 1 || !forwardedFor) return undefined;
  const hops = forwardedFor.split(",").map((entry) => entry.trim());
  const entry = hops[hops.length - trustedHops];
  // Fewer entries than trusted proxies: the request did not come through all of them.
  if (hops.length < trustedHops || entry === undefined || !ADDRESS.test(entry)) return undefined;
  return entry;
}
