import { approve, mayReport, mayReview, openReport, returnForChanges, submit } from './periodic-report';

const PROVINCE = '12';
const END = new Date('2025-09-30T17:00:00Z');
const officer = (unit: string) => ({ sub: `officer-${unit}`, roles: ['unit-officer'], unit });
const admin = { sub: 'admin', roles: ['province-admin'] };

describe('who reports and who reviews', () => {
  it('lets the unit report and the level above review', () => {
    expect(mayReport(officer('03388'), '03388', PROVINCE)).toBe(true);
    expect(mayReport(officer('03408'), '03388', PROVINCE)).toBe(false);
    expect(mayReport(admin, '03388', PROVINCE)).toBe(false);
    expect(mayReport(admin, PROVINCE, PROVINCE)).toBe(true);
    expect(mayReview(officer(PROVINCE), '03388', PROVINCE, PROVINCE)).toBe(true);
    expect(mayReview(admin, '03388', PROVINCE, PROVINCE)).toBe(true);
    expect(mayReview(officer('03388'), '03388', PROVINCE, PROVINCE)).toBe(false);
    expect(mayReview(officer('03388'), '0338801', '03388', PROVINCE)).toBe(true);
    expect(mayReview(admin, PROVINCE, null, PROVINCE)).toBe(true);
  });
});

describe('a report’s life', () => {
  const open = openReport('03388', '2025Q3');

  it('is submitted only once the period has ended', () => {
    expect(submit(open, 'o', 'n', END, new Date('2025-09-30T16:59:59Z'))).toEqual({
      ok: false,
      reason: 'period-not-ended',
    });
    const done = submit(open, 'o', 'n', END, END);
    expect(done.ok && done.report).toMatchObject({ status: 'SUBMITTED', narrative: 'n', submittedBy: 'o' });
  });

  it('approves only what was submitted, freezing the rows, and is not submitted again', () => {
    expect(approve(open, 'a', [], null, END)).toEqual({ ok: false, reason: 'not-submitted' });
    const submitted = submit(open, 'o', 'n', END, END);
    if (!submitted.ok) throw new Error('not submitted');
    const approved = approve(submitted.report, 'a', [{ indicator: 'c' }], 'ok', END);
    if (!approved.ok) throw new Error('not approved');
    expect(approved.report).toMatchObject({ status: 'APPROVED', frozenRows: [{ indicator: 'c' }] });
    expect(submit(approved.report, 'o', 'again', END, END)).toEqual({
      ok: false,
      reason: 'already-approved',
    });
  });

  it('returns a submitted report, which can then be submitted again', () => {
    const submitted = submit(open, 'o', 'n', END, END);
    if (!submitted.ok) throw new Error('not submitted');
    const returned = returnForChanges(submitted.report, 'a', 'fix', END);
    if (!returned.ok) throw new Error('not returned');
    expect(returned.report).toMatchObject({ status: 'RETURNED', comment: 'fix' });
    expect(submit(returned.report, 'o', 'fixed', END, END).ok).toBe(true);
    expect(returnForChanges(open, 'a', null, END)).toEqual({ ok: false, reason: 'not-submitted' });
  });
});
