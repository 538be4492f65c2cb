/** A table's columns and their PostgreSQL types, in the order the rows give them. */
export type Columns = readonly (readonly [name: string, type: string])[];

/** Separators of a packed column: between values, and a NULL (no generated text contains either). */
const UNIT = '\u001f';
const NULL_MARK = '\u001e';

function packColumn(values: readonly unknown[]): string {
  if (values.length === 1 && values[0] === '') throw new Error('a one-row column of an empty text cannot be packed');
  return values
    .map((v) => {
      if (v === null || v === undefined) return NULL_MARK;
      if (v instanceof Date) return v.toISOString();
      if (typeof v === 'boolean') return v ? 't' : 'f';
      return String(v);
    })
    .join(UNIT);
}

/**
 * `insert … select from unnest(…)` with each column sent as one text that PostgreSQL splits
 * (`string_to_array`): for millions of values much cheaper to make than the array literals the
 * driver builds value by value. `cols` holds the values column by column. `ordered`: the rows go
 * in in the order given (for an identity column that orders them).
 */
export function packedInsert(
  table: string,
  columns: Columns,
  cols: readonly unknown[][],
  opts: { ordered?: boolean } = {},
): { text: string; values: string[] } {
  const names = columns.map(([name]) => name).join(', ');
  const arrays = columns.map(([, type], i) => `string_to_array($${i + 1}, chr(31), chr(30))::${type}[]`).join(', ');
  const text = opts.ordered
    ? `insert into ${table} (${names}) select ${names} from unnest(${arrays}) with ordinality as x(${names}, n) order by n`
    : `insert into ${table} (${names}) select * from unnest(${arrays})`;
  return { text, values: cols.map(packColumn) };
}

/** Empty column arrays for a table. */
export const emptyColumns = (columns: Columns): unknown[][] => columns.map(() => []);

/** Appends one row (its values in the columns' order) to column arrays. */
export function pushRow(cols: unknown[][], row: readonly unknown[]): void {
  for (let k = 0; k < row.length; k++) cols[k]!.push(row[k]);
}
