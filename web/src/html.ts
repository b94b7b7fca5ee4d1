// The one way the console builds HTML from data: ECharts draws tooltips as HTML, and a project's name, a region's
// or a station's is text a user typed. `html` escapes every value put into it unless that value is markup `html`
// itself made, so a name shows as text and never becomes an element.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML content or a quoted attribute. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Markup built by `html`: the only thing `html` and `lines` insert without escaping. */
export class Markup {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

type Part = Markup | string | number | null | undefined | false;

const piece = (v: Part | readonly Part[]): string =>
  Array.isArray(v) ? v.map(piece).join('') : v instanceof Markup ? v.html : v === null || v === undefined || v === false ? '' : escapeHtml(v);

/** A template whose interpolated values are escaped: html`<b>${name}</b>` shows the name as text, whatever it holds. */
export function html(strings: TemplateStringsArray, ...values: (Part | readonly Part[])[]): Markup {
  let out = strings[0]!;
  values.forEach((v, i) => (out += piece(v) + strings[i + 1]!));
  return new Markup(out);
}

/** Tooltip lines joined by <br/> (empty ones dropped), as the string an ECharts formatter returns. */
export function lines(parts: readonly Part[]): string {
  return parts
    .filter((p) => p !== null && p !== undefined && p !== false && p !== '')
    .map(piece)
    .join('<br/>');
}
