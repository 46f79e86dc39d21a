/** The emulation ranking (IV.2.2) of mentors and teams: by their figures, in order. Framework-free. */
export interface MemberFigures {
  id: string;
  unitCode: string;
  name: string | null;
  /** Ranked by these, the first one first; the first is the score. */
  figures: Record<string, number>;
}

export interface RankedMember extends MemberFigures {
  rank: number;
  score: number;
}

/**
 * Higher figures first, in the order of `by` (ties on every figure share a rank, and are listed by id so
 * that the order never depends on the database's).
 */
export function rankMembers(members: readonly MemberFigures[], by: readonly string[]): RankedMember[] {
  const sorted = [...members].sort((x, y) => {
    for (const key of by) {
      const d = (y.figures[key] ?? 0) - (x.figures[key] ?? 0);
      if (d !== 0) return d;
    }
    return x.id.localeCompare(y.id);
  });
  const tied = (x: MemberFigures, y: MemberFigures) =>
    by.every((k) => (x.figures[k] ?? 0) === (y.figures[k] ?? 0));
  let rank = 0;
  return sorted.map((m, i) => {
    if (i === 0 || !tied(m, sorted[i - 1])) rank = i + 1;
    return { ...m, rank, score: m.figures[by[0]] ?? 0 };
  });
}
