import { FrameworkDataError, parseBasicSkills } from './competency-framework';

const competencies = [
  { domainNo: 2, domainName: 'x', competencyNo: '2.6', name: 'y', nameVariant: null, nameCheck: 'ok' },
];
const HEADER = 'code,name,plan_sections,related_competencies';

describe('parseBasicSkills', () => {
  it('reads the plan sections and related competencies as lists', () => {
    expect(
      parseBasicSkills(`${HEADER}\nBASIC-VNEID,"VNeID, danh tính số","III.1.d; IV.6.4",2.6\n`, competencies),
    ).toEqual([
      {
        code: 'BASIC-VNEID',
        name: 'VNeID, danh tính số',
        planSections: ['III.1.d', 'IV.6.4'],
        relatedCompetencies: ['2.6'],
      },
    ]);
  });
  it('refuses a code outside BASIC-..., an unknown competency and a repeated code', () => {
    expect(() => parseBasicSkills(`${HEADER}\nVNEID,x,IV,\n`, competencies)).toThrow(FrameworkDataError);
    expect(() => parseBasicSkills(`${HEADER}\nBASIC-X,x,IV,9.9\n`, competencies)).toThrow(
      'unknown competencies 9.9',
    );
    expect(() => parseBasicSkills(`${HEADER}\nBASIC-X,x,IV,\nBASIC-X,y,IV,\n`, competencies)).toThrow(
      'repeat',
    );
  });
});
