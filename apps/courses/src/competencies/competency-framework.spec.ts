import { join } from 'node:path';
import { CompetencyFramework, competencyDataDir } from './competency-framework';
import {
  BASIC_SKILLS_MAX,
  FRAMEWORK_CODE_MAX,
  FRAMEWORK_TEXT_MAX,
  SKILL_REFERENCES_MAX,
} from './dto/competency.dto';

describe(CompetencyFramework.name, () => {
  const framework = new CompetencyFramework();

  it('reads the files beside the source here (competencies-data/ beside a bundle)', () => {
    expect(competencyDataDir()).toBe(join(__dirname, 'data'));
    expect(() => competencyDataDir(join(__dirname, 'domain'))).toThrow(
      'competency framework files not found',
    );
  });

  it('has the 24 competencies of Thông tư 02/2025/TT-BGDĐT in 6 domains, split 3/6/4/4/4/3', () => {
    expect(framework.competencies).toHaveLength(24);
    const perDomain = [1, 2, 3, 4, 5, 6].map(
      (d) => framework.competencies.filter((c) => c.domainNo === d).length,
    );
    expect(perDomain).toEqual([3, 6, 4, 4, 4, 3]);
    expect(framework.competencies.map((c) => c.competencyNo)).toEqual(
      perDomain.flatMap((n, d) => Array.from({ length: n }, (_, i) => `${d + 1}.${i + 1}`)),
    );
  });

  it('keeps the wording and its caveats as in the source', () => {
    expect(framework.competencies[0]).toEqual({
      domainNo: 1,
      domainName: 'Khai thác dữ liệu và thông tin',
      competencyNo: '1.1',
      name: 'Duyệt, tìm kiếm và lọc dữ liệu, thông tin và nội dung số',
      nameVariant: null,
      nameCheck: 'agrees across all transcriptions read, apart from obvious typos or shortenings',
    });
    expect(framework.competencies.filter((c) => c.nameVariant !== null).map((c) => c.competencyNo)).toEqual([
      '2.5',
      '5.4',
      '6.1',
      '6.2',
      '6.3',
    ]);
    expect(
      framework.competencies.every(
        (c) => c.name === c.name.normalize('NFC') && c.domainName === c.domainName.normalize('NFC'),
      ),
    ).toBe(true);
  });

  it('has 8 levels in 4 tiers, coded by Công văn 3456 up to level 5 only', () => {
    expect(framework.levels.map((l) => [l.levelNo, l.tier, l.codeCv3456])).toEqual([
      [1, 'Cơ bản', 'CB1'],
      [2, 'Cơ bản', 'CB2'],
      [3, 'Trung cấp', 'TC1'],
      [4, 'Trung cấp', 'TC2'],
      [5, 'Nâng cao', 'NC1'],
      [6, 'Nâng cao', null],
      [7, 'Chuyên sâu', null],
      [8, 'Chuyên sâu', null],
    ]);
    expect(framework.levels[7].typicalLearners).toBeNull();
  });
});

describe('the basic skills of the plan', () => {
  const framework = new CompetencyFramework();

  it("name the plan's basic citizen skills beside the framework, without clashing with its codes", () => {
    expect(framework.basicSkills.map((s) => s.code)).toEqual(
      expect.arrayContaining([
        'BASIC-SMARTPHONE',
        'BASIC-VNEID',
        'BASIC-PUBLIC-SERVICES',
        'BASIC-CASHLESS-PAYMENT',
        'BASIC-ONLINE-SAFETY',
        'BASIC-ONLINE-HEALTH',
      ]),
    );
    expect(framework.has('2.6') && framework.has('BASIC-VNEID') && !framework.has('7.1')).toBe(true);
    expect(framework.basicSkills.every((s) => s.planSections.length > 0)).toBe(true);
  });
});

describe('the shipped files', () => {
  const framework = new CompetencyFramework();

  it('keep the bounds the OpenAPI document gives their answers', () => {
    const fits = (max: number) => (v: string | null) => (v ?? '').length <= max;
    const codes = [
      ...framework.competencies.map((c) => c.competencyNo),
      ...framework.levels.map((l) => l.codeCv3456),
      ...framework.basicSkills.flatMap((s) => [s.code, ...s.planSections, ...s.relatedCompetencies]),
    ];
    const texts = [
      ...framework.competencies.flatMap((c) => [c.domainName, c.name, c.nameVariant, c.nameCheck]),
      ...framework.levels.flatMap((l) => [l.tier, l.name, l.typicalLearners, l.typicalLearnersSource]),
      ...framework.basicSkills.map((s) => s.name),
    ];
    expect(codes.filter((v) => !fits(FRAMEWORK_CODE_MAX)(v))).toEqual([]);
    expect(texts.filter((v) => !fits(FRAMEWORK_TEXT_MAX)(v))).toEqual([]);
    expect(framework.basicSkills.length).toBeLessThanOrEqual(BASIC_SKILLS_MAX);
    expect(
      framework.basicSkills.filter(
        (s) =>
          s.planSections.length > SKILL_REFERENCES_MAX || s.relatedCompetencies.length > SKILL_REFERENCES_MAX,
      ),
    ).toEqual([]);
  });
});
