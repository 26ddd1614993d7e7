// The per-person limit of open requests the e2e run configures (playwright.config.ts passes it to the app).
// Well above what one persona holds over the whole suite: Ada's requests that tests leave pending (refused
// rejections, requests only looked at) add up, and a request refused for the limit fails an unrelated test.
export const E2E_MAX_OPEN_REQUESTS = 40;
