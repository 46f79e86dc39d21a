/**
 * A request to VNeID to certify a learner in a programme: one per learner and programme, however often
 * the completion that caused it is delivered or replayed.
 */
export interface CertificationRequest {
  id: string;
  learnerKey: string;
  learnerId: string;
  programme: string;
  unitCode: string;
  courseId: string;
  courseCode: string;
  completedAt: Date;
  requestedAt: Date;
  /** requested: sent to VNeID; confirmed: VNeID certified it since; already-certified: held before the request. */
  state: CertificationRequestState;
  certificateNo: string | null;
  confirmedAt: Date | null;
}

export type CertificationRequestState = 'requested' | 'confirmed' | 'already-certified';

/** A course completion as the decision needs it. */
export interface Completion {
  learnerKey: string;
  learnerId: string;
  unitCode: string;
  courseId: string;
  courseCode: string;
  programmes: string[];
  completedAt: Date;
}

/**
 * The requests a batch of completions asks for: one per learner and programme VNeID confirms, the
 * earliest completion first; programmes VNeID does not confirm ask for nothing.
 */
export function requestsFor(
  completions: readonly Completion[],
  confirmedProgrammes: ReadonlySet<string>,
  now: Date,
  newId: () => string,
): CertificationRequest[] {
  const byKey = new Map<string, CertificationRequest>();
  const ordered = [...completions].sort((a, b) => +a.completedAt - +b.completedAt);
  for (const c of ordered)
    for (const programme of new Set(c.programmes)) {
      if (!confirmedProgrammes.has(programme)) continue;
      const key = `${c.learnerKey}\u0000${programme}`;
      if (byKey.has(key)) continue;
      byKey.set(key, {
        id: newId(),
        learnerKey: c.learnerKey,
        learnerId: c.learnerId,
        programme,
        unitCode: c.unitCode,
        courseId: c.courseId,
        courseCode: c.courseCode,
        completedAt: c.completedAt,
        requestedAt: now,
        state: 'requested',
        certificateNo: null,
        confirmedAt: null,
      });
    }
  return [...byKey.values()];
}
