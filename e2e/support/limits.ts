// The per-person limit of open requests the e2e run configures (playwright.config.ts passes it to the app).
export const E2E_MAX_OPEN_REQUESTS = 8;
