/**
 * Debian's Chromium driven by playwright-core (browser downloads do not work here).
 * Under CI a missing browser is a failure, never a silent skip.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const chromePath = process.env.CHROME_PATH || "/usr/bin/chromium";
export const haveChrome = existsSync(chromePath);
const requireChrome = process.env.CI === "true" || process.env.CI === "1";

export function assertBrowserAvailable(): void {
  if (!haveChrome && requireChrome) {
    throw new Error(`Chromium not found at ${chromePath}: install Debian's chromium or set CHROME_PATH`);
  }
}

export async function launchChrome(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromePath,
    // The machine's network is closed: keep Chromium from phoning home at start.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}
