// Where the e2e stack keeps its state and the stand-ins' control files (see playwright.config.ts).
import path from "node:path";

export const E2E_DATA_DIR = path.resolve(`.data/e2e-${process.env.E2E_PORT ?? 3100}`);
