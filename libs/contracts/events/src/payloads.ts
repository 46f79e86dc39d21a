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

/**
 * VNeID certified a citizen the registry had not announced: what certification knows of them, for the
 * learners service to register. The citizen ID and the name travel only in `sealed`, opaque to anyone
 * without the handover key (see `openHandover`). Key: learnerKey.
 */
export interface LearnerSeenV1 {
  learnerKey: string;
  unitCode: string;
  unitMap: '2025';
  dateOfBirth: string;
  /** base64(iv | tag | ciphertext) of `{ citizenId, fullName }`, AES-256-GCM, AAD the learnerKey. */
  sealed: string;
  /** Id of the handover key that sealed it. */
  sealedKeyId: string;
  certificateNo: string;
  /** When VNeID certified them. */
  seenAt: string;
  sourceEventId: string;
}

/**
 * Certification asks the VNeID adapter to certify a learner who completed a course of a programme VNeID
 * confirms: once per learner and programme. Key: learnerKey.
 */
export interface VneidCertificationRequestV1 {
  requestId: string;
  learnerId: string;
  learnerKey: string;
  unitCode: string;
  programme: string;
  courseId: string;
  courseCode: string;
  completedAt: string;
  requestedAt: string;
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

export type CourseModeV1 = 'ONLINE' | 'IN_PERSON' | 'BLENDED';
export type AccessibilityV1 = 'CAPTIONS' | 'AUDIO' | 'SIGN_LANGUAGE' | 'EASY_READ';
export type ClassAudienceV1 = 'GENERAL' | 'ELDERLY' | 'DISABILITY';
export type CompletionRuleV1 = 'ALL_REQUIRED_MODULES' | 'PASSING_SCORE';

/** A programme (the skill framework of one target group) at the version a course was mapped to. */
export interface ProgrammeRefV1 {
  code: string;
  version: number;
  group: TargetGroupV1;
  /** For the students' programmes: the school levels it is for; empty for the other groups. */
  studentLevels: StudentLevelV1[];
}

/** A course was published: from now on it takes enrolments. Key: courseId. */
export interface CoursePublishedV1 {
  courseId: string;
  code: string;
  title: string;
  groups: TargetGroupV1[];
  programmes: ProgrammeRefV1[];
  mode: CourseModeV1;
  language: string;
  accessibility: AccessibilityV1[];
  competencies: string[];
  level?: number | null;
  modules: { code: string; title: string; required: boolean; competencies: string[] }[];
  completion: { rule: CompletionRuleV1; passingScore?: number | null };
  activityId?: string | null;
  publishedAt: string;
}

/** A learner was enrolled in a course (the first time only). Key: learnerId. */
export interface EnrolmentRecordedV1 {
  enrolmentId: string;
  learnerId: string;
  learnerKey: string;
  unitCode: string;
  courseId: string;
  courseCode: string;
  groups: TargetGroupV1[];
  programmes: ProgrammeRefV1[];
  /** MOOC: enrolled or reported by a MOOC platform; OFFICER: by an officer; CLASS: by attending a class. */
  enrolledVia: 'MOOC' | 'OFFICER' | 'CLASS';
  enrolledAt: string;
}

/**
 * A learner's progress in a course passed a milestone (25, 50, 75 or 100 %) or completed modules.
 * Progress never goes backwards, so each milestone and module is published once. Key: learnerId.
 */
export interface ProgressRecordedV1 {
  enrolmentId: string;
  learnerId: string;
  learnerKey: string;
  unitCode: string;
  courseId: string;
  courseCode: string;
  progressPercent: number;
  /** The highest milestone passed by this change; null when only modules were completed. */
  milestone: number | null;
  /** Modules completed by this change. */
  modulesCompleted: string[];
  completedModules: string[];
  score?: number | null;
  /** Business time of the change: the report's completedAt, the session's start, or when it was received. */
  recordedAt: string;
}

/**
 * A learner completed a course by its completion rule: published once per learner and course. Carries
 * what reporting needs to count "a completed course of that group's programme". Key: learnerId.
 */
export interface CourseCompletedV1 {
  enrolmentId: string;
  learnerId: string;
  learnerKey: string;
  /** The learner's commune or ward (2025 map) when the course was completed. */
  unitCode: string;
  courseId: string;
  courseCode: string;
  /** The target groups the course is for. */
  groups: TargetGroupV1[];
  /** The groups' programmes the course belongs to (it covers competencies they require). */
  programmes: ProgrammeRefV1[];
  competencies: string[];
  completionRule: CompletionRuleV1;
  score?: number | null;
  /** MOOC: reported by a MOOC platform; CLASS: by attending a community class. */
  completedVia: 'MOOC' | 'CLASS';
  /** Business time: when the learner met the rule, not when it was received. */
  completedAt: string;
}

/** A community class was opened in a commune for a course, with its weekly schedule. Key: classId. */
export interface ClassCreatedV1 {
  classId: string;
  courseId: string;
  courseCode: string;
  unitCode: string;
  audience: ClassAudienceV1;
  teacherRole: 'TEACHER' | 'MENTOR';
  schedule: {
    /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
    weekdays: number[];
    startTime: string;
    durationMinutes: number;
    startsOn: string;
    endsOn?: string | null;
  };
  createdAt: string;
}

/**
 * Attendance of one session of a community class was recorded. `firstRecordingOfSession` is true
 * exactly once per session: counting those per unit and week gives m_classes_week. Key: classId.
 */
export interface AttendanceRecordedV1 {
  classId: string;
  courseId: string;
  courseCode: string;
  unitCode: string;
  audience: ClassAudienceV1;
  sessionDate: string;
  sessionNumber: number;
  sessionStartsAt: string;
  /** ISO week of the session's Vietnam date, e.g. 2025-W40. */
  week: string;
  firstRecordingOfSession: boolean;
  /** Learners recorded by this call (those recorded before are not repeated). */
  learnerIds: string[];
  /** Everyone recorded for the session so far. */
  attendees: number;
  recordedAt: string;
}

/** A learner became a mentor ("Đại sứ số", IV.6.1) of a unit. Key: learnerId. */
export interface MentorRegisteredV1 {
  mentorId: string;
  learnerId: string;
  learnerKey: string;
  unitCode: string;
  campaignId?: string | null;
  registeredAt: string;
}

/** A learner was assigned to a mentor (one mentor at a time; m_mentor5). Key: the mentor's learnerId. */
export interface MenteeAssignedV1 {
  mentorId: string;
  mentorLearnerId: string;
  learnerId: string;
  learnerKey: string;
  /** The mentor's unit: where the mentor counts. */
  unitCode: string;
  assignedAt: string;
}

/** A learner became a helper at a commune's public-service desk (m_desk). Key: learnerId. */
export interface DeskHelperRegisteredV1 {
  helperId: string;
  learnerId: string;
  learnerKey: string;
  unitCode: string;
  registeredAt: string;
}

/**
 * A learner's VNeID identity or digital bank account as known from `recordedAt` (m_identity16): told by
 * the registry, or recorded by a helper with the learner's consent. A field left out is unchanged.
 * Key: learnerId.
 */
export interface IdentityStatusRecordedV1 {
  learnerId: string;
  learnerKey: string;
  unitCode: string;
  vneidStatus?: 'none' | 'level1' | 'level2';
  digitalBankAccount?: boolean;
  source: 'REGISTRY' | 'HELPER';
  /** The helper's account (token sub) for a helper's record. */
  recordedBy?: string | null;
  recordedAt: string;
}

/** A community tech team (IV.6.5) or youth volunteer team (IV.6.6) of a commune. Key: teamId. */
export interface TeamCreatedV1 {
  teamId: string;
  name: string;
  kind: 'COMMUNITY_TECH_TEAM' | 'YOUTH_TEAM';
  unitCode: string;
  createdAt: string;
}

/** A door-to-door visit by a team to a household of its commune (m_visits). Key: teamId. */
export interface VisitRecordedV1 {
  visitId: string;
  teamId: string;
  householdId: string;
  unitCode: string;
  visitedAt: string;
  helpedWith: string[];
  learnerIds: string[];
  recordedAt: string;
}

export type CampaignModelV1 =
  | 'DIGITAL_AMBASSADORS'
  | 'DIGITAL_FAMILY'
  | 'DIGITAL_MARKET_4T'
  | 'DIGITAL_IDENTITY'
  | 'COMMUNITY_TECH_TEAM'
  | 'YOUTH_CAMPAIGN'
  | 'LEARNING_FESTIVAL';

/**
 * An activity of a campaign (class, door-to-door visit, festival event, workshop, online session) with the
 * learners who took part and whether each completed it (m_4t for DIGITAL_MARKET_4T). Key: campaignId.
 */
export interface ActivityRecordedV1 {
  activityId: string;
  campaignId: string;
  model: CampaignModelV1;
  kind: 'CLASS' | 'DOOR_TO_DOOR_VISIT' | 'FESTIVAL_EVENT' | 'WORKSHOP' | 'ONLINE_SESSION';
  unitCode: string;
  startsAt: string;
  endsAt: string;
  participants: { learnerId: string; learnerKey: string; completed: boolean }[];
  recordedAt: string;
}

/** A campaign of one of the movement's models in a unit, run by an organisation. Key: campaignId. */
export interface CampaignCreatedV1 {
  campaignId: string;
  model: CampaignModelV1;
  unitCode: string;
  name: string;
  startsOn: string;
  endsOn: string | null;
  organisation: 'YOUTH_UNION' | 'WOMENS_UNION' | 'COMMUNITY_TECH_TEAM' | 'ENTERPRISE' | 'SCHOOL';
  createdBy: string;
  createdAt: string;
}

/** A learner joined a community tech team or youth team; unitCode is the team's. Key: teamId. */
export interface TeamMemberAddedV1 {
  teamId: string;
  learnerId: string;
  learnerKey: string;
  unitCode: string;
  addedBy: string;
  addedAt: string;
}

/**
 * A mentee changed mentor (one mentor at a time): the previous assignment ended at `reassignedAt`, when
 * the new one began. `unitCode` is the new mentor's. Key: the mentee's learnerId.
 */
export interface MenteeReassignedV1 {
  learnerId: string;
  learnerKey: string;
  mentorId: string;
  mentorLearnerId: string;
  unitCode: string;
  previousMentorId: string;
  previousUnitCode: string;
  previousAssignedAt: string;
  reassignedBy: string;
  reassignedAt: string;
}

/** A unit, mentor or team proposed for a reward for a period (IV.2.2). Key: nominationId. */
export interface NominationProposedV1 {
  nominationId: string;
  nomineeKind: 'UNIT' | 'MENTOR' | 'TEAM';
  nomineeId: string;
  /** Where the nominee belongs. */
  unitCode: string;
  period: string;
  reason: string;
  proposedBy: string;
  proposedAt: string;
}

/** A nomination approved by someone other than its proposer (IV.2.2). Key: nominationId. */
export interface NominationApprovedV1 {
  nominationId: string;
  nomineeKind: 'UNIT' | 'MENTOR' | 'TEAM';
  nomineeId: string;
  unitCode: string;
  period: string;
  proposedBy: string;
  approvedBy: string;
  approvedAt: string;
}

export interface EventPayloads {
  'vneid.certification-events.v1': VneidCertificationEventV1;
  'certification.certificate-issued.v1': CertificateIssuedV1;
  'certification.certificate-revoked.v1': CertificateRevokedV1;
  'certification.learner-seen.v1': LearnerSeenV1;
  'vneid.certification-requests.v1': VneidCertificationRequestV1;
  'learners.unit-registered.v1': UnitRegisteredV1;
  'learners.learner-registered.v1': LearnerRegisteredV1;
  'learners.learner-updated.v1': LearnerUpdatedV1;
  'learners.household-registered.v1': HouseholdRegisteredV1;
  'learners.household-member-added.v1': HouseholdMemberAddedV1;
  'learners.village-registered.v1': VillageRegisteredV1;
  'courses.course-published.v1': CoursePublishedV1;
  'courses.enrolment-recorded.v1': EnrolmentRecordedV1;
  'courses.progress-recorded.v1': ProgressRecordedV1;
  'courses.course-completed.v1': CourseCompletedV1;
  'courses.class-created.v1': ClassCreatedV1;
  'courses.attendance-recorded.v1': AttendanceRecordedV1;
  'campaigns.mentor-registered.v1': MentorRegisteredV1;
  'campaigns.mentee-assigned.v1': MenteeAssignedV1;
  'campaigns.desk-helper-registered.v1': DeskHelperRegisteredV1;
  'campaigns.identity-status-recorded.v1': IdentityStatusRecordedV1;
  'campaigns.team-created.v1': TeamCreatedV1;
  'campaigns.visit-recorded.v1': VisitRecordedV1;
  'campaigns.activity-recorded.v1': ActivityRecordedV1;
  'campaigns.campaign-created.v1': CampaignCreatedV1;
  'campaigns.team-member-added.v1': TeamMemberAddedV1;
  'campaigns.mentee-reassigned.v1': MenteeReassignedV1;
  'campaigns.nomination-proposed.v1': NominationProposedV1;
  'campaigns.nomination-approved.v1': NominationApprovedV1;
}
