// The bearer token the end-to-end server serves /api/metrics with (playwright.config.ts).
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789abcdef0123456789";
