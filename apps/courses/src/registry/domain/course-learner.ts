/**
 * The courses service's view of one learner, folded from the registry's events: who they are for
 * enrolment, unit bounds, programmes and next steps. Framework-free.
 */
export interface CourseLearner {
  learnerId: string;
  learnerKey: string;
  unitCode: string;
  groups: string[];
  studentLevel: string | null;
  ethnicity: string | null;
  disability: boolean | null;
  dateOfBirth: string | null;
  birthYear: number | null;
  /** Personal data erased in the registry: still known and counted, anonymously. */
  erased: boolean;
  registeredAt: Date;
  changedAt: Date;
}

const LEARNER_FIELDS = [
  'unitCode',
  'groups',
  'studentLevel',
  'ethnicity',
  'disability',
  'dateOfBirth',
  'birthYear',
] as const;
type LearnerField = (typeof LEARNER_FIELDS)[number];

/** A registration or a correction of one learner, as this service stores it. */
export interface LearnerChange {
  sourceEventId: string;
  learnerId: string;
  learnerKey: string;
  kind: 'registered' | 'updated';
  changedAt: Date;
  /** For a registration every field; for a correction the fields that changed, plus the current unit. */
  fields: Partial<Record<LearnerField, unknown>> & { erased?: boolean };
}

/**
 * Applies a learner's changes in time order, whatever order they arrived in (registrations and
 * corrections travel on two topics); a registration comes first among changes at the same instant.
 * An erasure clears what the registry clears (ethnicity, disability, date of birth) and keeps the rest.
 */
export function foldLearner(changes: readonly LearnerChange[]): CourseLearner | null {
  if (changes.length === 0) return null;
  const ordered = [...changes].sort(
    (x, y) =>
      x.changedAt.getTime() - y.changedAt.getTime() ||
      (x.kind === y.kind ? 0 : x.kind === 'registered' ? -1 : 1) ||
      x.sourceEventId.localeCompare(y.sourceEventId),
  );
  const first = ordered[0];
  const learner: CourseLearner = {
    learnerId: first.learnerId,
    learnerKey: first.learnerKey,
    unitCode: '',
    groups: [],
    studentLevel: null,
    ethnicity: null,
    disability: null,
    dateOfBirth: null,
    birthYear: null,
    erased: false,
    registeredAt: first.changedAt,
    changedAt: first.changedAt,
  };
  const fields = learner as unknown as Record<LearnerField, unknown>;
  for (const change of ordered) {
    for (const field of LEARNER_FIELDS) {
      if (change.fields[field] !== undefined) fields[field] = change.fields[field];
    }
    if (change.kind === 'registered') learner.registeredAt = change.changedAt;
    if (change.fields.erased)
      Object.assign(learner, { erased: true, ethnicity: null, disability: null, dateOfBirth: null });
    learner.changedAt = change.changedAt;
  }
  return learner;
}

/** Age in whole years on a Vietnam date; from 31 December of the birth year when the date is erased. */
export function ageOn(
  learner: Pick<CourseLearner, 'dateOfBirth' | 'birthYear'>,
  today: string,
): number | null {
  const born = learner.dateOfBirth || (learner.birthYear ? `${learner.birthYear}-12-31` : null);
  if (!born) return null;
  const years = Number(today.slice(0, 4)) - Number(born.slice(0, 4));
  return today.slice(5) >= born.slice(5) ? years : years - 1;
}
