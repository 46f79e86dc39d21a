import { inputProblems } from './input-rules';

describe(inputProblems.name, () => {
  it('accepts ordinary text, tabs and line breaks included', () => {
    expect(inputProblems({ name: 'Bản Nà Nọi', note: 'dòng 1\ndòng 2\tcột', list: ['a', 1, null] })).toEqual(
      [],
    );
  });

  it('names every string with a control character, however deep', () => {
    expect(inputProblems({ reason: 'a\u0000b', values: [{ unitCode: '033\u001b88' }] })).toEqual(
      expect.arrayContaining([
        { field: 'reason', message: 'must not contain control characters' },
        { field: 'values.0.unitCode', message: 'must not contain control characters' },
      ]),
    );
    expect(inputProblems({ 'bad\u0007key': 1 })).toEqual([
      { field: '(body)', message: 'property names must not contain control characters' },
    ]);
  });

  it('names a path parameter or query value by the field given', () => {
    expect(inputProblems('\u0000', { field: 'certificateNo' })).toEqual([
      { field: 'certificateNo', message: 'must not contain control characters' },
    ]);
    expect(inputProblems('\u007f')).toEqual([
      { field: '(body)', message: 'must not contain control characters' },
    ]);
  });

  it('stops at the depth limit without recursing, even 100,000 levels down', () => {
    const deep = JSON.parse('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000));
    const [problem] = inputProblems(deep, { maxDepth: 3 });
    expect(problem).toEqual({ field: 'a.a.a', message: 'must not be nested deeper than 3 levels' });
    expect(inputProblems({ a: { b: { c: 1 } } }, { maxDepth: 3 })).toEqual([]);
  });

  it('reports at most maxErrors findings', () => {
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, '\u0000']));
    expect(inputProblems(many, { maxErrors: 5 })).toHaveLength(5);
  });
});
