/**
 * The emulation ranking of IV.2.2: units ordered by their progress towards their targets. Framework-free.
 */
export interface TargetRow {
  indicator: string;
  unitCode: string;
  value: number | null;
  target: number | null;
}

export interface Ranked {
  rank: number;
  unitCode: string;
  /** Mean over the indicators with a value and a target of value / target, capped at 1; null without any. */
  score: number | null;
  progress: { indicator: string; value: number; target: number; progress: number }[];
}

/**
 * A unit's score is the mean of its progress on each indicator that has both a value and a target (a
 * target met counts 1, exceeding it earns nothing more, so no indicator hides another). Ties share a rank;
 * units without any figure come last, unranked (rank null is shown as the last rank).
 */
export function rankUnits(rows: readonly TargetRow[]): Ranked[] {
  const byUnit = new Map<string, Ranked['progress']>();
  for (const row of rows) {
    const progress = byUnit.get(row.unitCode) ?? [];
    byUnit.set(row.unitCode, progress);
    if (row.value === null || row.target === null || row.target <= 0) continue;
    progress.push({
      indicator: row.indicator,
      value: row.value,
      target: row.target,
      progress: Math.min(row.value / row.target, 1),
    });
  }
  const scored = [...byUnit].map(([unitCode, progress]) => ({
    unitCode,
    progress,
    // Rounded so that equal progress reached through different sums ties, as a reader expects.
    score: progress.length
      ? Math.round((progress.reduce((n, p) => n + p.progress, 0) / progress.length) * 1e6) / 1e6
      : null,
  }));
  scored.sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || x.unitCode.localeCompare(y.unitCode));
  let rank = 0;
  return scored.map((unit, i) => {
    if (i === 0 || unit.score !== scored[i - 1].score) rank = i + 1;
    return { rank, ...unit };
  });
}
