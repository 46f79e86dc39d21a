/** One topic per event type and major version; `ce_type` repeats the topic name. */
export const Topics = {
  vneidCertificationEvents: 'vneid.certification-events.v1',
  certificateIssued: 'certification.certificate-issued.v1',
  certificateRevoked: 'certification.certificate-revoked.v1',
  learnerSeen: 'certification.learner-seen.v1',
  vneidCertificationRequests: 'vneid.certification-requests.v1',
  unitRegistered: 'learners.unit-registered.v1',
  learnerRegistered: 'learners.learner-registered.v1',
  learnerUpdated: 'learners.learner-updated.v1',
  householdRegistered: 'learners.household-registered.v1',
  householdMemberAdded: 'learners.household-member-added.v1',
  villageRegistered: 'learners.village-registered.v1',
  coursePublished: 'courses.course-published.v1',
  enrolmentRecorded: 'courses.enrolment-recorded.v1',
  progressRecorded: 'courses.progress-recorded.v1',
  courseCompleted: 'courses.course-completed.v1',
  classCreated: 'courses.class-created.v1',
  attendanceRecorded: 'courses.attendance-recorded.v1',
  mentorRegistered: 'campaigns.mentor-registered.v1',
  menteeAssigned: 'campaigns.mentee-assigned.v1',
  deskHelperRegistered: 'campaigns.desk-helper-registered.v1',
  identityStatusRecorded: 'campaigns.identity-status-recorded.v1',
  teamCreated: 'campaigns.team-created.v1',
  visitRecorded: 'campaigns.visit-recorded.v1',
  activityRecorded: 'campaigns.activity-recorded.v1',
  campaignCreated: 'campaigns.campaign-created.v1',
  teamMemberAdded: 'campaigns.team-member-added.v1',
  menteeReassigned: 'campaigns.mentee-reassigned.v1',
  nominationProposed: 'campaigns.nomination-proposed.v1',
  nominationApproved: 'campaigns.nomination-approved.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
