/** A "Gia đình số" household: its members, its head, its unit. */
export interface Household {
  id: string;
  unitCode: string;
  villageCode: string | null;
  headLearnerId: string | null;
  registeredBy: string;
  registeredAt: Date;
}

export interface HouseholdMember {
  learnerId: string;
  certified: boolean;
}

export type HouseholdStatus = 'digital' | 'not-yet';

/** "Gia đình số": a household counts once at least one member has learned (is certified). */
export function householdStatus(members: readonly HouseholdMember[]): HouseholdStatus {
  return members.some((m) => m.certified) ? 'digital' : 'not-yet';
}
