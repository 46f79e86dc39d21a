/** The campaigns service's view of a learner: who they are for the models, and where. Framework-free. */
export interface CampaignLearner {
  learnerId: string;
  learnerKey: string;
  unitCode: string;
  dateOfBirth: string | null;
  changedAt: Date;
}

export interface Unit {
  code: string;
  name: string;
  type: string;
  parentCode: string | null;
}

/** Communes and wards: where a desk is, and where a mentor works. */
export const isCommune = (unit: Pick<Unit, 'type'> | null): boolean =>
  unit !== null && (unit.type === 'commune' || unit.type === 'ward');

export interface Household {
  householdId: string;
  unitCode: string;
  registeredAt: Date;
}
