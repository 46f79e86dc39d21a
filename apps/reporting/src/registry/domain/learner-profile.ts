/**
 * Reporting's view of one learner: the fields the indicators and their breakdowns need, folded from the
 * registry's events. Framework-free.
 */
export interface LearnerProfile {
  learnerKey: string;
  learnerId: string;
  unitCode: string;
  dateOfBirth: string | null;
  birthYear: number | null;
  sex: string | null;
  ethnicity: string | null;
  disability: boolean | null;
  poorHousehold: boolean | null;
  groups: string[];
  studentLevel: string | null;
  householdId: string | null;
  registeredAt: Date | null;
  erased: boolean;
  changedAt: Date;
}

/** A registration or a correction of one learner, as reporting stores it. */
export interface LearnerChange {
  sourceEventId: string;
  learnerKey: string;
  learnerId: string;
  kind: 'registered' | 'updated';
  changedAt: Date;
  /** For a registration every field; for a correction the fields that changed, plus the current unit. */
  fields: Partial<Record<ProfileField, unknown>> & { erased?: boolean };
}

const PROFILE_FIELDS = [
  'unitCode',
  'dateOfBirth',
  'birthYear',
  'sex',
  'ethnicity',
  'disability',
  'poorHousehold',
  'groups',
  'studentLevel',
  'householdId',
] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

/**
 * Applies a learner's changes in time order, whatever order they arrived in (registrations and
 * corrections travel on two topics). A registration comes first among changes at the same instant.
 * An erased learner keeps what the registry keeps: unit, birth year, sex, groups; the rest is null.
 */
export function foldProfile(changes: readonly LearnerChange[]): LearnerProfile | null {
  if (changes.length === 0) return null;
  const ordered = [...changes].sort(
    (x, y) =>
      x.changedAt.getTime() - y.changedAt.getTime() ||
      (x.kind === y.kind ? 0 : x.kind === 'registered' ? -1 : 1) ||
      x.sourceEventId.localeCompare(y.sourceEventId),
  );
  const first = ordered[0];
  const profile: LearnerProfile = {
    learnerKey: first.learnerKey,
    learnerId: first.learnerId,
    unitCode: '',
    dateOfBirth: null,
    birthYear: null,
    sex: null,
    ethnicity: null,
    disability: null,
    poorHousehold: null,
    groups: [],
    studentLevel: null,
    householdId: null,
    registeredAt: null,
    erased: false,
    changedAt: first.changedAt,
  };
  const fields = profile as unknown as Record<ProfileField, unknown>;
  for (const change of ordered) {
    for (const field of PROFILE_FIELDS) {
      if (change.fields[field] !== undefined) fields[field] = change.fields[field];
    }
    if (change.kind === 'registered') profile.registeredAt ??= change.changedAt;
    if (change.fields.erased) {
      // What the registry erases is unknown from then on, whatever the correction listed.
      Object.assign(profile, {
        erased: true,
        dateOfBirth: null,
        ethnicity: null,
        disability: null,
        poorHousehold: null,
        householdId: null,
      });
    }
    profile.changedAt = change.changedAt;
  }
  // A learner reporting knows only from a correction is registered all the same: since that correction.
  profile.registeredAt ??= first.changedAt;
  if (profile.dateOfBirth === '') profile.dateOfBirth = null;
  return profile;
}
