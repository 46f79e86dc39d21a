import { CsvFormatError, parseCsv, parseCsvLine } from './csv';

describe('parseCsvLine', () => {
  it('splits plain fields and keeps empty ones', () => expect(parseCsvLine('a,,c,')).toEqual(['a', '', 'c', '']));
  it('keeps commas and doubled quotes inside quoted fields', () =>
    expect(parseCsvLine('1,"Duyệt, tìm kiếm","say ""hi""",x')).toEqual(['1', 'Duyệt, tìm kiếm', 'say "hi"', 'x']));
  it('keeps leading zeros, since every field is text', () => expect(parseCsvLine('03388,012')).toEqual(['03388', '012']));
  it('rejects an unterminated quote', () => expect(() => parseCsvLine('"abc', 7)).toThrow('line 7: unterminated quoted field'));
  it('rejects text after a closing quote', () => expect(() => parseCsvLine('"a"b,c')).toThrow(CsvFormatError));
});

describe('parseCsv', () => {
  it('reads records by header name, with or without BOM and CRLF', () => {
    const text = '\uFEFFcode,name\r\n03388,"Phường Đoàn Kết"\r\n12,Tỉnh Lai Châu\r\n';
    expect(parseCsv(text)).toEqual([
      { code: '03388', name: 'Phường Đoàn Kết' },
      { code: '12', name: 'Tỉnh Lai Châu' },
    ]);
  });
  it('names the line of a record with the wrong number of fields', () =>
    expect(() => parseCsv('a,b\n1,2\n3\n')).toThrow('line 3: 1 fields, the header has 2'));
  it('refuses an empty file', () => expect(() => parseCsv('')).toThrow(CsvFormatError));
});
