// Font files for resvg: it draws no text without a font, and picks nothing by CSS fallback,
// so the house font's files are named explicitly (system fonts are loaded too).

import { existsSync } from "fs";
import { join } from "path";
import { CHART_FONT } from "./style";

const DEJAVU_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"];
const FONT_DIRS = [
  "/usr/share/fonts/truetype/dejavu", // Debian, Ubuntu
  "/usr/share/fonts/dejavu-sans-fonts", // Fedora
  "/usr/share/fonts/TTF", // Arch
  "/usr/share/fonts/dejavu",
  "/usr/local/share/fonts",
  "/Library/Fonts",
];

let cached: string[] | undefined;
let warned = false;

/** Paths of the DejaVu Sans files found on this machine (looked up once). */
export function chartFontFiles(): string[] {
  if (cached === undefined) {
    cached = [];
    for (const file of DEJAVU_FILES) {
      const dir = FONT_DIRS.find((d) => existsSync(join(d, file)));
      if (dir !== undefined) cached.push(join(dir, file));
    }
  }
  if (cached.length === 0 && !warned) {
    warned = true;
    process.emitWarning(
      `No ${CHART_FONT} font files found (looked in ${FONT_DIRS.join(", ")}); PNG text falls back to system fonts or is missing. ` +
        `Install them (Debian: apt-get install fonts-dejavu-core).`,
      "ChartFontWarning",
    );
  }
  return cached.slice();
}
