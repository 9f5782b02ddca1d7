/** Writing CSV cells: quote when needed (RFC 4180), so any text survives a round trip through a spreadsheet. */

/** Formats one cell. `null` and `undefined` become an empty cell. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Formats one CSV line (with the trailing newline). */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\n`;
}
