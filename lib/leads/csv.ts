// CSV (RFC 4180) reading and writing for lead import/export. Pure: runs in the browser (to preview
// and send a file in chunks) and on the server (to validate and export).

/** Parses CSV text into rows of fields. Handles quotes, doubled quotes, CRLF/LF/CR, a BOM, ; or , or tab. */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = src.slice(0, src.search(/\r|\n/) === -1 ? src.length : src.search(/\r|\n/));
  const delimiter = [",", ";", "\t"].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ",");
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (c === "\r" && src[i + 1] === "\n") i++;
    } else field += c;
    i++;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

const NEEDS_QUOTES = /[",\r\n;]|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const PHONE_NUMBER = /^(?=.*\d)[\d +\-()]+$/;

/**
 * A cell a spreadsheet would run as a formula (it starts with = + - @, a tab or CR) gets a leading
 * ' unless the whole cell is a plain number or a phone number (digits, spaces, + - ( ) only).
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) && !PHONE_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** One CSV line, formulas neutralised. */
export function toCsvLine(values: (string | number | null | undefined)[]): string {
  return values
    .map((v) => {
      const s = neutraliseFormula(v === null || v === undefined ? "" : String(v));
      return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(",");
}

export const IMPORT_COLUMNS = ["name", "phone", "email", "source", "purpose", "consentMethod", "consentAt", "consentText"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const ALIASES: Record<ImportColumn, string[]> = {
  name: ["name", "full name", "lead name", "contact name", "customer name"],
  phone: ["phone", "phone number", "mobile", "mobile number", "number", "contact number", "phone no"],
  email: ["email", "email address", "e-mail", "mail"],
  source: ["source", "lead source", "channel"],
  purpose: ["purpose", "call purpose"],
  consentMethod: ["consent", "consent method", "consent how", "consent via"],
  consentAt: ["consent at", "consent date", "consented at", "consent time"],
  consentText: ["consent text", "consent notice", "consent version", "notice"],
};

/** Maps a header row to our columns by name (case, spaces and punctuation ignored). */
export function mapHeader(header: string[]): Partial<Record<ImportColumn, number>> {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z]+/g, " ")
      .trim();
  const out: Partial<Record<ImportColumn, number>> = {};
  header.forEach((h, index) => {
    const n = norm(h);
    for (const col of IMPORT_COLUMNS) if (out[col] === undefined && ALIASES[col].includes(n)) out[col] = index;
  });
  return out;
}

export interface ImportRow {
  /** The line in the file (the header is line 1). */
  line: number;
  name: string;
  phone: string;
  email?: string;
  source?: string;
  purpose?: string;
  consentMethod?: string;
  consentAt?: string;
  consentText?: string;
  /** Custom field cells by the field's key, as text (the server reads them by the field's kind). */
  fields?: Record<string, string>;
}

/** The rows of a CSV file as import rows, or what is wrong with the header. Custom fields: a column named by key or label. */
export function readImportFile(
  text: string,
  customFields: { key: string; label: string }[] = [],
): { rows: ImportRow[]; error: string | null } {
  const table = parseCsv(text);
  if (table.length === 0) return { rows: [], error: "The file is empty" };
  const map = mapHeader(table[0]!);
  const missing = (["name", "phone"] as const).filter((c) => map[c] === undefined);
  if (missing.length)
    return {
      rows: [],
      error: `The first line must name the columns; missing: ${missing.join(", ")} (found: ${table[0]!.join(", ").slice(0, 200)})`,
    };
  const cell = (r: string[], c: ImportColumn) => (map[c] === undefined ? undefined : (r[map[c]] ?? "").trim());
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "");
  const custom = customFields
    .map((f) => ({ key: f.key, index: table[0]!.findIndex((h) => squash(h) === squash(f.key) || squash(h) === squash(f.label)) }))
    .filter((c) => c.index >= 0);
  const fieldsOf = (r: string[]) => {
    const cells = Object.fromEntries(custom.map((c) => [c.key, (r[c.index] ?? "").trim()]).filter(([, v]) => v));
    return Object.keys(cells).length ? cells : undefined;
  };
  const rows = table.slice(1).map((r, i) => ({
    line: i + 2,
    name: cell(r, "name") ?? "",
    phone: cell(r, "phone") ?? "",
    email: cell(r, "email") || undefined,
    source: cell(r, "source") || undefined,
    purpose: cell(r, "purpose") || undefined,
    consentMethod: cell(r, "consentMethod") || undefined,
    consentAt: cell(r, "consentAt") || undefined,
    consentText: cell(r, "consentText") || undefined,
    fields: fieldsOf(r),
  }));
  return { rows, error: null };
}
