import { CAMPAIGN_MODELS, MODEL_INDICATORS } from './campaign-model';

describe('CAMPAIGN_MODELS', () => {
  it('lists the six models of IV.6 and the yearly learning day of IV.1.3, once each', () => {
    expect(CAMPAIGN_MODELS.map((m) => m.planSection)).toEqual([
      'IV.6.1',
      'IV.6.2',
      'IV.6.3',
      'IV.6.4',
      'IV.6.5',
      'IV.6.6',
      'IV.1.3',
    ]);
    expect(new Set(CAMPAIGN_MODELS.map((m) => m.id)).size).toBe(CAMPAIGN_MODELS.length);
  });

  it('feeds every model indicator from at least one model, and only known ones', () => {
    const fed = new Set(CAMPAIGN_MODELS.flatMap((m) => m.indicators));
    expect([...fed].sort()).toEqual(Object.keys(MODEL_INDICATORS).sort());
    expect(CAMPAIGN_MODELS.every((m) => m.indicators.length > 0)).toBe(true);
  });

  it('names the models in Vietnamese, as the plan does, in NFC', () => {
    expect(CAMPAIGN_MODELS.find((m) => m.id === 'digital-family')?.name).toBe('Phong trào “Gia đình số”');
    expect(CAMPAIGN_MODELS.find((m) => m.id === 'digital-market-4t')?.target).toContain('4T');
    expect(
      CAMPAIGN_MODELS.every(
        (m) => m.name === m.name.normalize('NFC') && m.target === m.target.normalize('NFC'),
      ),
    ).toBe(true);
  });

  it('holds the learning day on 10 October every year', () =>
    expect(CAMPAIGN_MODELS.filter((m) => m.annualDate).map((m) => [m.id, m.annualDate])).toEqual([
      ['digital-learning-day', '--10-10'],
    ]));

  it('asks a mentor to guide at least 5 mentees', () =>
    expect(CAMPAIGN_MODELS[0]).toMatchObject({
      id: 'digital-ambassadors',
      indicators: ['mentors-with-5-mentees', 'communes-with-desk-helper'],
    }));
});
