import { learnerKeyOf } from './learner-key';

describe('learnerKeyOf', () => {
  it('is a keyed hash of the citizen ID, never the ID itself', () => {
    const key = learnerKeyOf('012345678901', 'hash-key-hash-key');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain('012345678901');
    expect(learnerKeyOf('012345678901', 'hash-key-hash-key')).toBe(key);
    expect(learnerKeyOf('012345678901', 'another-key-12345')).not.toBe(key);
  });
});
