// Tests that need a program from outside npm (Debian's Chromium, Jupyter) skip with a printed reason
// when it is absent, except under CI=true, where .ci/run installs it and its absence is a failure.
import { strict as assert } from "node:assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export function needProgram(t: { skip(msg: string): void }, ok: boolean, reason: string): boolean {
  if (ok) return true;
  if (process.env.CI === "true") assert.fail(`${reason} (required under CI=true; .ci/run installs it)`);
  process.stdout.write(`# SKIP: ${reason}\n`);
  t.skip(reason);
  return false;
}

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = (): boolean => fs.existsSync(CHROMIUM);
export const hasPythonModules = (...mods: string[]): boolean =>
  spawnSync("/usr/bin/python3", ["-c", mods.map((m) => `import ${m}`).join("; ")]).status === 0;

/** Flags that keep Chromium quiet on a machine without network (see STACK.md). */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launch Debian's Chromium through playwright-core with a fresh profile; close the context when done. */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "sb-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
