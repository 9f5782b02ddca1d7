/** Escaping for the HTML report: every piece of corpus text goes through {@link escapeHtml}. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML element or a quoted attribute value. */
export function escapeHtml(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A tagged template that escapes every interpolated value unless it is {@link Html} already. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks trusted markup (built by this module's callers from escaped parts) as HTML. */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** `html\`<td>${text}</td>\`` escapes `text`; arrays are joined; {@link Html} values pass through. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value);
}
