import {
  MAX_DETAIL_LENGTH,
  boundedDetail,
  decideDismissal,
  decideReprocess,
  reviewReasonOf,
} from './review-item';

describe('review items', () => {
  it('keeps an event under the reason of its first problem, naming every problem', () => {
    expect(
      reviewReasonOf([
        { field: 'unitCode', message: 'unitCode 99999 is not a known unit' },
        { field: 'programme', message: 'programme X is not a VNeID programme' },
      ]),
    ).toEqual({
      reason: 'unknown-unit',
      detail: 'unitCode: unitCode 99999 is not a known unit; programme: programme X is not a VNeID programme',
    });
    expect(reviewReasonOf([{ field: 'programme', message: 'm' }]).reason).toBe('unknown-programme');
    expect(reviewReasonOf([{ field: 'occurredAt', message: 'm' }]).reason).toBe('occurred-at');
  });

  it('keeps a detail whole up to MAX_DETAIL_LENGTH characters, and cuts a longer one with an ellipsis', () => {
    const longest = '😀'.repeat(MAX_DETAIL_LENGTH);
    expect(boundedDetail(longest)).toBe(longest);
    expect(boundedDetail(`${longest}!`)).toBe(`${'😀'.repeat(MAX_DETAIL_LENGTH - 1)}…`);
  });

  it('reprocesses an open item once its event applies, and leaves a closed one alone', () => {
    expect(
      decideReprocess({ state: 'open', reason: 'unknown-unit' as const }, { outcome: 'issue', problems: [] }),
    ).toEqual({
      kind: 'reprocessed',
      outcome: 'issue',
    });
    expect(
      decideReprocess(
        { state: 'open', reason: 'unknown-unit' as const },
        { outcome: 'duplicate-event', problems: [] },
      ).kind,
    ).toBe('reprocessed');
    expect(
      decideReprocess(
        { state: 'reprocessed', reason: 'unknown-unit' as const },
        { outcome: 'issue', problems: [] },
      ),
    ).toEqual({
      kind: 'already-closed',
    });
    expect(decideReprocess({ state: 'dismissed', reason: 'unknown-unit' as const }, null)).toEqual({
      kind: 'already-closed',
    });
  });

  it('keeps an item open while its cause is not fixed', () => {
    const problems = [{ field: 'unitCode', message: 'unitCode 99999 is not a known unit' }];
    expect(
      decideReprocess({ state: 'open', reason: 'unknown-unit' as const }, { outcome: 'rejected', problems }),
    ).toEqual({
      kind: 'still-refused',
      problems,
    });
    expect(
      decideReprocess(
        { state: 'open', reason: 'revocation-overdue' },
        { outcome: 'revocation-pending', problems: [] },
      ).kind,
    ).toBe('still-refused');
    // A refused revocation accepted now waits for its certificate under its own item.
    expect(
      decideReprocess(
        { state: 'open', reason: 'occurred-at' },
        { outcome: 'revocation-pending', problems: [] },
      ).kind,
    ).toBe('reprocessed');
  });

  it('dismisses an open item once', () => {
    expect(decideDismissal({ state: 'open' })).toEqual({ kind: 'dismiss' });
    expect(decideDismissal({ state: 'dismissed' })).toEqual({ kind: 'unchanged' });
    expect(decideDismissal({ state: 'reprocessed' })).toEqual({ kind: 'closed' });
  });
});
