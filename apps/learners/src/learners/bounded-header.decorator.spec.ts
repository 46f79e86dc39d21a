import { RequestValidationError } from '@bdhvs/problem';
import { boundedHeader } from './bounded-header.decorator';

describe(boundedHeader.name, () => {
  it('answers the header up to its length, whatever the case of its name, and undefined when absent', () => {
    expect(boundedHeader({ 'x-access-reason': 'abcde' }, 'X-Access-Reason', 5)).toBe('abcde');
    expect(boundedHeader({}, 'X-Access-Reason', 5)).toBeUndefined();
  });

  it('refuses a longer header with a 400 naming it', () => {
    let error: unknown;
    try {
      boundedHeader({ 'x-access-reason': 'abcdef' }, 'X-Access-Reason', 5);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).getStatus()).toBe(400);
    expect((error as RequestValidationError).errors).toEqual([
      { field: 'X-Access-Reason', message: 'X-Access-Reason must be shorter than or equal to 5 characters' },
    ]);
  });
});
