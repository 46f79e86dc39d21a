import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@bdhvs/service-runtime';

export class CoursesConfig extends ServiceConfig {
  /** How long a progress report waits for concurrent ones to share its transaction (ms). */
  @Transform(({ value }) => (value === undefined ? 2 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(50)
  COURSES_PROGRESS_GROUP_COMMIT_MS = 2;

  /** How long a statement POST or PUT to the LRS waits for concurrent ones to share its transaction (ms). */
  @Transform(({ value }) => (value === undefined ? 2 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(50)
  COURSES_XAPI_GROUP_COMMIT_MS = 2;
}
