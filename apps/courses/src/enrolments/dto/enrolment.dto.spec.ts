import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RecordProgressDto } from './enrolment.dto';

const report = (change: Record<string, unknown>) =>
  validateSync(
    plainToInstance(RecordProgressDto, {
      learnerId: '5b0f6c1e-8a2d-4e3f-9b1c-0d2e3f4a5b6c',
      courseId: '7d3f0c1e-2b4a-4c5d-8e6f-9a0b1c2d3e4f',
      progressPercent: 60,
      ...change,
    }),
  ).map((e) => e.property);

describe(RecordProgressDto.name, () => {
  it('takes a date-time with nanoseconds and a zone, and refuses one longer than 40 characters', () => {
    expect(
      report({ completedAt: '2025-10-05T09:30:00.123456789+07:00', moduleCode: 'M'.repeat(64) }),
    ).toEqual([]);
    expect(report({ completedAt: `2025-10-05T09:30:00.${'1'.repeat(20)}+07:00` })).toEqual(['completedAt']);
    expect(report({ moduleCode: 'M'.repeat(65) })).toEqual(['moduleCode']);
  });
});
