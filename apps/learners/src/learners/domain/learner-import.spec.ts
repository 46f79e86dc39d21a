import { ImportTally, MAX_REPORTED_ERRORS } from './learner-import';

describe(ImportTally.name, () => {
  it('counts every rejected row and lists the reasons in line order', () => {
    const tally = new ImportTally();
    tally.accepted = 2;
    tally.reject(9, [{ field: 'citizenId', message: 'x' }]);
    tally.reject(3, [
      { field: 'sex', message: 'y' },
      { field: 'groups', message: 'z' },
    ]);
    expect(tally.result()).toEqual({
      accepted: 2,
      rejected: 2,
      errors: [
        { line: 3, field: 'sex', message: 'y' },
        { line: 3, field: 'groups', message: 'z' },
        { line: 9, field: 'citizenId', message: 'x' },
      ],
    });
  });

  it('keeps the first 10,000 reasons and says that more were left out', () => {
    const tally = new ImportTally();
    for (let line = 2; line < MAX_REPORTED_ERRORS + 12; line++)
      tally.reject(line, [{ field: 'sex', message: 'sex must be male or female' }]);
    const result = tally.result();
    expect(result.rejected).toBe(MAX_REPORTED_ERRORS + 10);
    expect(result.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(result.errorsTruncated).toBe(true);
  });
});
