import { FrameworkDataError, parseCompetencies, parseCompetencyLevels } from './competency-framework';

const HEADER = 'domain_no,domain_name,competency_no,competency_name,competency_name_variant,name_check';

function framework(rows: string[]): string {
  return [HEADER, ...rows].join('\n') + '\n';
}

const counts = [3, 6, 4, 4, 4, 3];
const valid = counts.flatMap((n, d) =>
  Array.from({ length: n }, (_, i) => `${d + 1},Miền ${d + 1},${d + 1}.${i + 1},"Tên, ${i + 1}",,ok`),
);

describe('parseCompetencies', () => {
  it('reads quoted names with commas and empty variants', () => {
    const competencies = parseCompetencies(framework(valid));
    expect(competencies).toHaveLength(24);
    expect(competencies[0]).toEqual({
      domainNo: 1,
      domainName: 'Miền 1',
      competencyNo: '1.1',
      name: 'Tên, 1',
      nameVariant: null,
      nameCheck: 'ok',
    });
  });
  it('refuses a framework that is not 24 competencies in 6 domains', () =>
    expect(() => parseCompetencies(framework(valid.slice(1)))).toThrow(FrameworkDataError));
  it('refuses a competency numbered outside its domain', () =>
    expect(() => parseCompetencies(framework([...valid.slice(0, 23), '6,Miền 6,5.9,x,,ok']))).toThrow(
      'competency 5.9 is not in domain 6',
    ));
});

describe('parseCompetencyLevels', () => {
  const header = 'level_no,tier,name,code_cv3456,typical_learners,typical_learners_source';
  const rows = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `${n},T,Bậc ${n},${n <= 5 ? `C${n}` : ''},,src`);
  it('reads 8 levels, a missing code as null', () => {
    const levels = parseCompetencyLevels([header, ...rows].join('\n'));
    expect(levels[7]).toEqual({
      levelNo: 8,
      tier: 'T',
      name: 'Bậc 8',
      codeCv3456: null,
      typicalLearners: null,
      typicalLearnersSource: 'src',
    });
  });
  it('refuses levels out of order', () =>
    expect(() => parseCompetencyLevels([header, ...rows.reverse()].join('\n'))).toThrow(FrameworkDataError));
});
