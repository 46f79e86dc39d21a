import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import vneidV1r1 from './schemas/vneid.certification-events.v1/1.json';
import issuedV1r1 from './schemas/certification.certificate-issued.v1/1.json';
import revokedV1r1 from './schemas/certification.certificate-revoked.v1/1.json';
import learnerSeenV1r1 from './schemas/certification.learner-seen.v1/1.json';
import certificationRequestsV1r1 from './schemas/vneid.certification-requests.v1/1.json';
import unitV1r1 from './schemas/learners.unit-registered.v1/1.json';
import learnerRegisteredV1r1 from './schemas/learners.learner-registered.v1/1.json';
import learnerUpdatedV1r1 from './schemas/learners.learner-updated.v1/1.json';
import householdRegisteredV1r1 from './schemas/learners.household-registered.v1/1.json';
import householdMemberAddedV1r1 from './schemas/learners.household-member-added.v1/1.json';
import villageRegisteredV1r1 from './schemas/learners.village-registered.v1/1.json';
import coursePublishedV1r1 from './schemas/courses.course-published.v1/1.json';
import enrolmentRecordedV1r1 from './schemas/courses.enrolment-recorded.v1/1.json';
import progressRecordedV1r1 from './schemas/courses.progress-recorded.v1/1.json';
import courseCompletedV1r1 from './schemas/courses.course-completed.v1/1.json';
import classCreatedV1r1 from './schemas/courses.class-created.v1/1.json';
import attendanceRecordedV1r1 from './schemas/courses.attendance-recorded.v1/1.json';
import mentorRegisteredV1r1 from './schemas/campaigns.mentor-registered.v1/1.json';
import menteeAssignedV1r1 from './schemas/campaigns.mentee-assigned.v1/1.json';
import deskHelperRegisteredV1r1 from './schemas/campaigns.desk-helper-registered.v1/1.json';
import identityStatusRecordedV1r1 from './schemas/campaigns.identity-status-recorded.v1/1.json';
import teamCreatedV1r1 from './schemas/campaigns.team-created.v1/1.json';
import visitRecordedV1r1 from './schemas/campaigns.visit-recorded.v1/1.json';
import activityRecordedV1r1 from './schemas/campaigns.activity-recorded.v1/1.json';
import campaignCreatedV1r1 from './schemas/campaigns.campaign-created.v1/1.json';
import teamMemberAddedV1r1 from './schemas/campaigns.team-member-added.v1/1.json';
import menteeReassignedV1r1 from './schemas/campaigns.mentee-reassigned.v1/1.json';
import nominationProposedV1r1 from './schemas/campaigns.nomination-proposed.v1/1.json';
import nominationApprovedV1r1 from './schemas/campaigns.nomination-approved.v1/1.json';
import { EventPayloads } from './payloads';
import { Topic } from './topics';

export type JsonSchema = Record<string, unknown>;

/** Every revision of every event schema, oldest first. The last one is what producers emit now. */
export const SCHEMA_REVISIONS: Record<Topic, JsonSchema[]> = {
  'vneid.certification-events.v1': [vneidV1r1],
  'certification.certificate-issued.v1': [issuedV1r1],
  'certification.certificate-revoked.v1': [revokedV1r1],
  'certification.learner-seen.v1': [learnerSeenV1r1],
  'vneid.certification-requests.v1': [certificationRequestsV1r1],
  'learners.unit-registered.v1': [unitV1r1],
  'learners.learner-registered.v1': [learnerRegisteredV1r1],
  'learners.learner-updated.v1': [learnerUpdatedV1r1],
  'learners.household-registered.v1': [householdRegisteredV1r1],
  'learners.household-member-added.v1': [householdMemberAddedV1r1],
  'learners.village-registered.v1': [villageRegisteredV1r1],
  'courses.course-published.v1': [coursePublishedV1r1],
  'courses.enrolment-recorded.v1': [enrolmentRecordedV1r1],
  'courses.progress-recorded.v1': [progressRecordedV1r1],
  'courses.course-completed.v1': [courseCompletedV1r1],
  'courses.class-created.v1': [classCreatedV1r1],
  'courses.attendance-recorded.v1': [attendanceRecordedV1r1],
  'campaigns.mentor-registered.v1': [mentorRegisteredV1r1],
  'campaigns.mentee-assigned.v1': [menteeAssignedV1r1],
  'campaigns.desk-helper-registered.v1': [deskHelperRegisteredV1r1],
  'campaigns.identity-status-recorded.v1': [identityStatusRecordedV1r1],
  'campaigns.team-created.v1': [teamCreatedV1r1],
  'campaigns.visit-recorded.v1': [visitRecordedV1r1],
  'campaigns.activity-recorded.v1': [activityRecordedV1r1],
  'campaigns.campaign-created.v1': [campaignCreatedV1r1],
  'campaigns.team-member-added.v1': [teamMemberAddedV1r1],
  'campaigns.mentee-reassigned.v1': [menteeReassignedV1r1],
  'campaigns.nomination-proposed.v1': [nominationProposedV1r1],
  'campaigns.nomination-approved.v1': [nominationApprovedV1r1],
};

export interface SchemaViolation {
  field: string;
  message: string;
}

export class EventValidationError extends Error {
  constructor(
    readonly topic: string,
    readonly violations: SchemaViolation[],
  ) {
    super(`${topic}: ${violations.map((v) => `${v.field} ${v.message}`).join('; ')}`);
  }
}

const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const validators = new Map<string, ValidateFunction>();

function validatorFor(topic: Topic): ValidateFunction {
  let fn = validators.get(topic);
  if (!fn) {
    const revisions = SCHEMA_REVISIONS[topic];
    fn = ajv.compile(revisions[revisions.length - 1]);
    validators.set(topic, fn);
  }
  return fn;
}

export function schemaViolations(topic: Topic, value: unknown): SchemaViolation[] {
  const validate = validatorFor(topic);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => {
    const missing = (e.params as { missingProperty?: string }).missingProperty;
    const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    return {
      field: missing ? [path, missing].filter(Boolean).join('.') : path || '(root)',
      message: e.message ?? 'is invalid',
    };
  });
}

/** Validates a payload against the newest schema of its topic, or throws naming every bad field. */
export function assertEventPayload<T extends keyof EventPayloads>(
  topic: T,
  value: unknown,
): EventPayloads[T] {
  const violations = schemaViolations(topic, value);
  if (violations.length > 0) throw new EventValidationError(topic, violations);
  return value as EventPayloads[T];
}
