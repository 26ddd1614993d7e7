// End-to-end tests drive Debian's Chromium (Playwright's own browser download cannot run
// here). Installs it with apt when neither CHROMIUM_PATH nor /usr/bin/chromium exists.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const wanted = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(wanted)) process.exit(0);
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH=${wanted} does not exist.`);
  process.exit(1);
}
if (process.getuid?.() !== 0) {
  console.error("Chromium is missing: install Debian's package with `sudo apt-get install -y chromium`, or set CHROMIUM_PATH.");
  process.exit(1);
}
console.log("Installing Debian's chromium for the end-to-end tests…");
const aptEnv = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env: aptEnv });
execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { stdio: "inherit", env: aptEnv });
