// Next.js configuration for Berth.

const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; object-src 'none'" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The container image runs the standalone server; `npm start` uses `next start`, which refuses it.
  output: process.env.BERTH_STANDALONE === "1" ? "standalone" : undefined,
  poweredByHeader: false,
  // forbidden(): a real 403 page for signed-in users without the role.
  experimental: { authInterrupts: true },
  serverExternalPackages: ["@kubernetes/client-node", "pg"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
