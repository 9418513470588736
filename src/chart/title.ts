// Titles and the downsampling note: a note always shows on the chart as a subtitle line.

export type TitleSpec = string | { text: string | string[]; subtitle?: string | string[]; [k: string]: unknown };

/** Builds a Vega-Lite title from a title, an optional subtitle and notes (each note its own subtitle line). */
export function makeTitle(title: string | undefined, subtitle: string | undefined, notes: string[]): TitleSpec | undefined {
  const lines = [...(subtitle ? [subtitle] : []), ...notes];
  if (lines.length === 0) return title === undefined ? undefined : title;
  return { text: title ?? "", subtitle: lines.length === 1 ? lines[0] : lines };
}

/** Adds note lines under whatever title a spec already has (string, object or none). */
export function addNotes(existing: unknown, notes: string[]): unknown {
  if (notes.length === 0) return existing;
  if (existing === undefined || existing === null) return makeTitle(undefined, undefined, notes);
  if (typeof existing === "string" || Array.isArray(existing)) return { text: existing, subtitle: notes.length === 1 ? notes[0] : notes };
  const t = existing as Record<string, unknown>;
  const prev = t.subtitle === undefined ? [] : Array.isArray(t.subtitle) ? (t.subtitle as string[]) : [String(t.subtitle)];
  const lines = [...prev, ...notes];
  return { ...t, subtitle: lines.length === 1 ? lines[0] : lines };
}

/** The plain title text of a spec's title, if any. */
export function titleText(title: unknown): string | undefined {
  if (typeof title === "string") return title || undefined;
  if (Array.isArray(title)) return title.join(" ") || undefined;
  if (title && typeof title === "object") return titleText((title as { text?: unknown }).text);
  return undefined;
}
