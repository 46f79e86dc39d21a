import { checkHelperRecord, registryIdentityRecords } from './identity';

const base = { learnerKey: 'k'.repeat(64), unitCode: '03388', at: new Date('2025-10-01T00:00:00Z') };
let n = 0;
const newId = () => `id-${++n}`;

describe(registryIdentityRecords.name, () => {
  it('records a registration only when it says an identity or an account', () => {
    const records = registryIdentityRecords(
      [
        { ...base, learnerId: 'none', vneidStatus: 'none', digitalBankAccount: false, registration: true },
        { ...base, learnerId: 'vneid', vneidStatus: 'level2', digitalBankAccount: false, registration: true },
        { ...base, learnerId: 'bank', vneidStatus: 'none', digitalBankAccount: true, registration: true },
      ],
      newId,
    );
    expect(records.map((r) => [r.learnerId, r.vneidStatus, r.digitalBankAccount, r.source])).toEqual([
      ['vneid', 'level2', false, 'REGISTRY'],
      ['bank', 'none', true, 'REGISTRY'],
    ]);
  });

  it('records a correction that touches either field, leaving the other unsaid', () => {
    const records = registryIdentityRecords(
      [
        { ...base, learnerId: 'untouched', registration: false },
        { ...base, learnerId: 'closed', digitalBankAccount: false, registration: false },
      ],
      newId,
    );
    expect(records).toEqual([
      expect.objectContaining({ learnerId: 'closed', vneidStatus: null, digitalBankAccount: false }),
    ]);
  });
});

describe(checkHelperRecord.name, () => {
  it('asks for something to record, naming vneidStatus', () => {
    expect(checkHelperRecord({})).toEqual([{ field: 'vneidStatus', message: expect.any(String) }]);
    expect(checkHelperRecord({ digitalBankAccount: true })).toEqual([]);
  });
});
