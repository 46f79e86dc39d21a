import {
  HouseholdMemberAddedV1,
  HouseholdRegisteredV1,
  LearnerChangeV1,
  LearnerRegisteredV1,
  LearnerUpdatedV1,
  Topics,
} from '@bdhvs/events';
import type { OutgoingEvent } from '@bdhvs/messaging';
import type { Household } from './domain/household';
import { IndicatorFields, Learner } from './domain/learner';

/** learner-registered: keyed by learner id; the learner key stands for the citizen ID, the name never goes out. */
export function learnerRegistered(l: Learner): OutgoingEvent<LearnerRegisteredV1> {
  return {
    topic: Topics.learnerRegistered,
    key: l.id,
    subject: l.id,
    time: l.completedAt ?? l.registeredAt,
    data: {
      learnerId: l.id,
      learnerKey: l.learnerKey,
      unitCode: l.unitCode,
      unitMap: '2025',
      villageCode: l.villageCode,
      householdId: l.householdId,
      dateOfBirth: l.dateOfBirth ?? '',
      birthYear: l.birthYear,
      sex: l.sex,
      ethnicity: l.ethnicity,
      disability: l.disability ?? false,
      poorHousehold: l.poorHousehold ?? false,
      groups: l.groups,
      studentLevel: l.studentLevel,
      vneidStatus: l.vneidStatus,
      digitalBankAccount: l.digitalBankAccount,
      // A learner VNeID made known joins the registry's events when an officer completes the record.
      registeredAt: (l.completedAt ?? l.registeredAt).toISOString(),
    },
  };
}

export function learnerUpdated(
  l: Learner,
  change: { before: IndicatorFields; after: IndicatorFields },
): OutgoingEvent<LearnerUpdatedV1> {
  return {
    topic: Topics.learnerUpdated,
    key: l.id,
    subject: l.id,
    time: l.updatedAt,
    data: {
      learnerId: l.id,
      learnerKey: l.learnerKey,
      unitCode: l.unitCode,
      unitMap: '2025',
      before: change.before as LearnerChangeV1,
      after: change.after as LearnerChangeV1,
      ...(l.erasedAt ? { erased: true } : {}),
      updatedAt: l.updatedAt.toISOString(),
    },
  };
}

export function householdRegistered(h: Household): OutgoingEvent<HouseholdRegisteredV1> {
  return {
    topic: Topics.householdRegistered,
    key: h.id,
    subject: h.id,
    time: h.registeredAt,
    data: {
      householdId: h.id,
      unitCode: h.unitCode,
      unitMap: '2025',
      villageCode: h.villageCode,
      headLearnerId: h.headLearnerId,
      registeredAt: h.registeredAt.toISOString(),
    },
  };
}

export function householdMemberAdded(
  h: Household,
  l: Learner,
  head: boolean,
  at: Date,
): OutgoingEvent<HouseholdMemberAddedV1> {
  return {
    topic: Topics.householdMemberAdded,
    key: h.id,
    subject: h.id,
    time: at,
    data: {
      householdId: h.id,
      learnerId: l.id,
      learnerKey: l.learnerKey,
      unitCode: l.unitCode,
      head,
      addedAt: at.toISOString(),
    },
  };
}
