// Tiny argument parser shared by the project's command-line scripts (flags only, no sub-commands).
export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
}

export function parseArgs(argv: string[], known: Record<string, "bool" | "value">, usage: string): ParsedArgs {
  const out: ParsedArgs = { positional: [], flags: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) {
      out.positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    const kind = known[name];
    if (!kind) throw new Error(`unknown option --${name}\n${usage}`);
    let value = "true";
    if (kind === "value") {
      value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`option --${name} needs a value\n${usage}`);
    }
    out.flags.set(name, [...(out.flags.get(name) ?? []), value]);
  }
  return out;
}

/** `--param name=value` pairs; values are JSON when they parse as JSON, else strings. */
export function parseParams(pairs: string[]): Record<string, any> {
  const params: Record<string, any> = {};
  for (const p of pairs) {
    const eq = p.indexOf("=");
    if (eq <= 0) throw new Error(`--param expects name=value, got ${JSON.stringify(p)}`);
    const raw = p.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      /* a plain string */
    }
    params[p.slice(0, eq)] = value;
  }
  return params;
}

/** Run an async main; a failure prints one line (plus details) and exits non-zero. */
export function runMain(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (e: any) => {
      const text = typeof e?.report === "function" ? e.report() : e?.message ?? String(e);
      process.stderr.write(`error: ${text}\n`);
      process.exit(1);
    },
  );
}
