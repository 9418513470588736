// Make `import * as sb from "spectral-bias"` resolve inside notebooks/ (tslab resolves
// packages Node10-style from the notebook's folder upwards): node_modules/spectral-bias -> ..
// Replaced atomically (symlink under a temporary name, then rename).
const fs = require("fs");
const path = require("path");
const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "spectral-bias");
const tmp = `${link}.tmp-${process.pid}`;
fs.mkdirSync(path.dirname(link), { recursive: true });
try { fs.unlinkSync(tmp); } catch {}
fs.symlinkSync("..", tmp, "dir");
fs.renameSync(tmp, link);
