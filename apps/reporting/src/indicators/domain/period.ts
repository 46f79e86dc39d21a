/** A reporting period as DHIS2 names it: `2025`, `2025S1`/`S2`, `2025Q1`..`Q4`. */
export interface Period {
  id: string;
  year: number;
  /** First instant, inclusive. */
  start: Date;
  /** First instant of the next period: "by the period's end" means strictly before it. */
  end: Date;
  /** The period's last calendar day in Vietnam, for ages (YYYY-MM-DD). */
  lastDay: string;
}

const PERIOD_ID = /^(\d{4})(?:(S)([12])|(Q)([1-4]))?$/;
/** Periods are calendar periods in Vietnam time (UTC+7, no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

function vietnamMidnight(year: number, monthIndex: number): Date {
  return new Date(Date.UTC(year, monthIndex, 1) - VIETNAM_OFFSET_MS);
}

export function parsePeriod(id: string): Period | null {
  const match = PERIOD_ID.exec(id);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return null;
  let firstMonth = 0;
  let months = 12;
  if (match[2]) {
    firstMonth = (Number(match[3]) - 1) * 6;
    months = 6;
  } else if (match[4]) {
    firstMonth = (Number(match[5]) - 1) * 3;
    months = 3;
  }
  const start = vietnamMidnight(year, firstMonth);
  const end = vietnamMidnight(year, firstMonth + months);
  const lastDay = new Date(Date.UTC(year, firstMonth + months, 0)).toISOString().slice(0, 10);
  return { id, year, start, end, lastDay };
}

/** The latest birth date of someone who is at least `age` whole years old on `day`. */
export function latestBirthDateForAge(day: string, age: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const candidate = new Date(Date.UTC(y - age, m - 1, d));
  // 29 February in a year without it: the birthday falls on 1 March, so the latest date is 28 February.
  if (candidate.getUTCMonth() !== m - 1) candidate.setUTCDate(0);
  return candidate.toISOString().slice(0, 10);
}

export function currentYearPeriod(now: Date): string {
  return String(new Date(now.getTime() + VIETNAM_OFFSET_MS).getUTCFullYear());
}
