/** "Mỗi công dân - Một danh tính số" (IV.6.4): what is known of a learner's digital identity. Framework-free. */
export const VNEID_STATUSES = ['none', 'level1', 'level2'] as const;
export type VneidStatus = (typeof VNEID_STATUSES)[number];
export type IdentitySource = 'REGISTRY' | 'HELPER';

/** A statement about a learner's VNeID identity and/or digital bank account, as of `recordedAt`. */
export interface IdentityRecord {
  id: string;
  learnerId: string;
  learnerKey: string;
  unitCode: string;
  vneidStatus: VneidStatus | null;
  digitalBankAccount: boolean | null;
  source: IdentitySource;
  recordedBy: string | null;
  recordedAt: Date;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** What the registry said of a learner's identity in one registration or correction. */
export interface RegistryIdentity {
  learnerId: string;
  learnerKey: string;
  unitCode: string;
  vneidStatus?: VneidStatus;
  digitalBankAccount?: boolean;
  registration: boolean;
  at: Date;
}

/**
 * The records the registry's events make: a registration with no identity and no account says nothing
 * new (that is everyone's starting point); a correction that touches either field is always a record.
 */
export function registryIdentityRecords(
  changes: readonly RegistryIdentity[],
  newId: () => string,
): IdentityRecord[] {
  return changes
    .filter((c) =>
      c.registration
        ? (c.vneidStatus !== undefined && c.vneidStatus !== 'none') || c.digitalBankAccount === true
        : c.vneidStatus !== undefined || c.digitalBankAccount !== undefined,
    )
    .map((c) => ({
      id: newId(),
      learnerId: c.learnerId,
      learnerKey: c.learnerKey,
      unitCode: c.unitCode,
      vneidStatus: c.vneidStatus ?? null,
      digitalBankAccount: c.digitalBankAccount ?? null,
      source: 'REGISTRY',
      recordedBy: null,
      recordedAt: c.at,
    }));
}

/** A helper's record must say something, and only with the learner's consent (the DTO checks `consent`). */
export function checkHelperRecord(input: {
  vneidStatus?: VneidStatus;
  digitalBankAccount?: boolean;
}): FieldProblem[] {
  if (input.vneidStatus === undefined && input.digitalBankAccount === undefined)
    return [{ field: 'vneidStatus', message: 'vneidStatus or digitalBankAccount is required' }];
  return [];
}
