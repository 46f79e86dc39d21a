export class CsvFormatError extends Error {}

/**
 * Parses CSV text with a header row into records keyed by column name. Fields may be quoted (with
 * commas and doubled quotes inside); a record never spans lines, which holds for the reference files.
 */
export function parseCsv(text: string): Record<string, string>[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new CsvFormatError('no header row');
  const header = parseCsvLine(lines[0], 1);
  return lines.slice(1).map((line, i) => {
    const fields = parseCsvLine(line, i + 2);
    if (fields.length !== header.length) {
      throw new CsvFormatError(`line ${i + 2}: ${fields.length} fields, the header has ${header.length}`);
    }
    return Object.fromEntries(header.map((name, j) => [name, fields[j]]));
  });
}

export function parseCsvLine(line: string, lineNo = 1): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new CsvFormatError(`line ${lineNo}: unterminated quoted field`);
        if (line[i] === '"' && line[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else {
          field += line[i++];
        }
      }
      if (i < line.length && line[i] !== ',') throw new CsvFormatError(`line ${lineNo}: text after a closing quote`);
    } else {
      const end = line.indexOf(',', i);
      field = end === -1 ? line.slice(i) : line.slice(i, end);
      i = end === -1 ? line.length : end;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // the comma
  }
}
