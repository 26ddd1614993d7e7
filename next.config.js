// Next.js configuration for Berth.

// On every response. The Content-Security-Policy of pages and routes carries a fresh nonce and
// is set by proxy.ts (lib/auth/security-headers.ts), with HSTS over HTTPS (THREATS 73).
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

// What the proxy does not see (compiled assets, files from public/): nothing there is a page
// that may run anything.
const assetPolicy = { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" };
const ASSET_PATHS = ["/_next/static/:path*", "/_next/image", "/favicon.ico", "/robots.txt"];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The container image runs the standalone server; `npm start` uses `next start`, which refuses it.
  output: process.env.BERTH_STANDALONE === "1" ? "standalone" : undefined,
  poweredByHeader: false,
  experimental: {
    // forbidden(): a real 403 page for signed-in users without the role.
    authInterrupts: true,
    // No form of Berth's comes near this (THREATS 72): its longest texts are a few KB.
    serverActions: { bodySizeLimit: "100kb" },
  },
  serverExternalPackages: ["@kubernetes/client-node", "pg"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      ...ASSET_PATHS.map((source) => ({ source, headers: [assetPolicy] })),
    ];
  },
};

export default nextConfig;
