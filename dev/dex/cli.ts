// Runs the Dex stand-in on its own: `tsx dev/dex/cli.ts`. One client comes from the
// environment; prints the issuer and stops cleanly on SIGINT/SIGTERM.
//   DEX_CLIENT_ID, DEX_CLIENT_SECRET, DEX_REDIRECT_URI (comma-separated for several),
//   DEX_POST_LOGOUT_REDIRECT_URI (optional, comma-separated), DEX_PORT (default 5556),
//   DEX_HOST (listen address, default 127.0.0.1), DEX_PUBLIC_HOST (default localhost).
import { startDexStandIn } from "./server";

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) {
    console.error(`Dex stand-in: ${name} must be set (see the header of dev/dex/cli.ts).`);
    process.exit(2);
  }
  return value;
}

function list(value: string | undefined): string[] {
  return (value ?? "").split(",").map((item) => item.trim()).filter(Boolean);
}

function port(value: string | undefined): number {
  if (value === undefined || value === "") return 5556; // Dex's usual port
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    console.error(`Dex stand-in: DEX_PORT must be a port number, got "${value}".`);
    process.exit(2);
  }
  return parsed;
}

const standIn = await startDexStandIn({
  port: port(process.env.DEX_PORT),
  host: process.env.DEX_HOST || undefined,
  publicHost: process.env.DEX_PUBLIC_HOST || undefined,
  clients: [
    {
      clientId: required("DEX_CLIENT_ID"),
      clientSecret: required("DEX_CLIENT_SECRET"),
      redirectUris: list(required("DEX_REDIRECT_URI")),
      postLogoutRedirectUris: list(process.env.DEX_POST_LOGOUT_REDIRECT_URI),
    },
  ],
});

console.log(`Dex stand-in issuer: ${standIn.issuer}`);
console.log(`Discovery:           ${standIn.issuer}/.well-known/openid-configuration`);

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`Dex stand-in: ${signal}, stopping`);
  await standIn.stop();
  process.exit(0);
}
process.on("SIGINT", (signal) => void shutdown(signal));
process.on("SIGTERM", (signal) => void shutdown(signal));
