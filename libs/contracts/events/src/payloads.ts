/** Administrative maps: the two-tier map since 1 July 2025, and the former districts. */
export type UnitMap = '2025' | 'pre-2025';

/** Body the VNeID adapter pushes over HTTP, and the value on `vneid.certification-events.v1`. */
export interface VneidCertificationEventV1 {
  eventId: string;
  type: 'CERTIFIED' | 'REVOKED';
  occurredAt: string;
  citizenId: string;
  fullName: string;
  dateOfBirth: string;
  unitCode: string;
  programme: string;
  certificateNo: string;
  reason?: string;
}

/**
 * A certificate was issued. `learnerKey` is the keyed hash of the citizen ID (never the ID itself);
 * `issuedAt` is when VNeID certified, not when we heard of it.
 */
export interface CertificateIssuedV1 {
  certificateId: string;
  certificateNo: string;
  learnerKey: string;
  programme: string;
  unitCode: string;
  unitMap: UnitMap;
  dateOfBirth: string;
  issuedAt: string;
  sourceEventId: string;
}

export interface CertificateRevokedV1 {
  certificateId: string;
  certificateNo: string;
  learnerKey: string;
  programme: string;
  unitCode: string;
  revokedAt: string;
  reason?: string;
  sourceEventId: string;
}

export interface UnitRegisteredV1 {
  map: UnitMap;
  code: string;
  name: string;
  shortName: string;
  type: 'province' | 'city' | 'district' | 'town' | 'commune' | 'ward' | 'village';
  parentCode: string | null;
  /** For a former (pre-2025) commune: the 2025 commune it was merged into. */
  mergedIntoCode?: string | null;
}

export type TargetGroupV1 = 'PUBLIC_SECTOR' | 'STUDENT' | 'ENTERPRISE_WORKER' | 'CITIZEN';
export type StudentLevelV1 =
  'PRIMARY' | 'LOWER_SECONDARY' | 'UPPER_SECONDARY' | 'VOCATIONAL' | 'HIGHER_EDUCATION';

/**
 * A learner joined the registry. Key: learnerId. Never the citizen ID or the name: `learnerKey` is the
 * keyed hash of the citizen ID that the certification events carry too.
 */
export interface LearnerRegisteredV1 {
  learnerId: string;
  learnerKey: string;
  unitCode: string;
  unitMap: UnitMap;
  villageCode?: string | null;
  householdId?: string | null;
  dateOfBirth: string;
  birthYear: number;
  sex: 'male' | 'female';
  ethnicity?: string | null;
  disability: boolean;
  poorHousehold: boolean;
  groups: TargetGroupV1[];
  studentLevel?: StudentLevelV1 | null;
  vneidStatus: 'none' | 'level1' | 'level2';
  digitalBankAccount: boolean;
  registeredAt: string;
}

/** The indicator-relevant fields of a learner that changed: before and after hold only those fields. */
export interface LearnerChangeV1 {
  unitCode?: string;
  villageCode?: string | null;
  householdId?: string | null;
  dateOfBirth?: string | null;
  birthYear?: number;
  sex?: 'male' | 'female';
  ethnicity?: string | null;
  disability?: boolean | null;
  poorHousehold?: boolean | null;
  groups?: TargetGroupV1[];
  studentLevel?: StudentLevelV1 | null;
  vneidStatus?: 'none' | 'level1' | 'level2';
  digitalBankAccount?: boolean;
}

/** A learner was corrected, or their personal data erased (`erased`). Key: learnerId. */
export interface LearnerUpdatedV1 {
  learnerId: string;
  learnerKey: string;
  unitCode: string;
  unitMap: UnitMap;
  before: LearnerChangeV1;
  after: LearnerChangeV1;
  erased?: boolean;
  updatedAt: string;
}

/** A "Gia đình số" household was registered. Key: householdId. */
export interface HouseholdRegisteredV1 {
  householdId: string;
  unitCode: string;
  unitMap: UnitMap;
  villageCode?: string | null;
  headLearnerId?: string | null;
  registeredAt: string;
}

/** A learner joined a household. Key: householdId. */
export interface HouseholdMemberAddedV1 {
  householdId: string;
  learnerId: string;
  learnerKey: string;
  unitCode: string;
  head: boolean;
  addedAt: string;
}

/**
 * A village (thôn, bản, tổ dân phố) of the 2025 map was registered or renamed: the same payload either
 * way, applied as an upsert by code. Its own topic because the codes of learners.unit-registered.v1
 * are 2 to 5 digits and village codes are 7 (commune code + 2). Key: "2025:<code>".
 */
export interface VillageRegisteredV1 {
  map: '2025';
  code: string;
  name: string;
  shortName: string;
  type: 'village';
  parentCode: string;
}

export interface EventPayloads {
  'vneid.certification-events.v1': VneidCertificationEventV1;
  'certification.certificate-issued.v1': CertificateIssuedV1;
  'certification.certificate-revoked.v1': CertificateRevokedV1;
  'learners.unit-registered.v1': UnitRegisteredV1;
  'learners.learner-registered.v1': LearnerRegisteredV1;
  'learners.learner-updated.v1': LearnerUpdatedV1;
  'learners.household-registered.v1': HouseholdRegisteredV1;
  'learners.household-member-added.v1': HouseholdMemberAddedV1;
  'learners.village-registered.v1': VillageRegisteredV1;
}
