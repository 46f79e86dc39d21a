import { Injectable } from '@nestjs/common';
import type { UnitHierarchy } from '@bdhvs/auth';
import { AdministrativeUnitRepository } from '../units/administrative-unit.repository';
import { RegistrationContext, vietnamDate } from './domain/learner';
import { readEthnicGroups } from './ethnic-groups';

/** What registrations are checked against: the ethnic groups, today's units (villages included), today. */
@Injectable()
export class RegistryContext implements UnitHierarchy {
  private readonly ethnicities: ReadonlySet<string> = new Set(readEthnicGroups().map((g) => g.code));

  constructor(private readonly units: AdministrativeUnitRepository) {}

  async load(now = new Date()): Promise<RegistrationContext> {
    const current = await this.units.list('2025');
    return {
      today: vietnamDate(now),
      ethnicities: this.ethnicities,
      communes: new Set(current.filter((u) => u.type === 'commune' || u.type === 'ward').map((u) => u.code)),
      villages: new Map(current.filter((u) => u.type === 'village').map((u) => [u.code, u.parentCode ?? ''])),
    };
  }

  isWithin(unitCode: string, ancestorCode: string): Promise<boolean> {
    return this.units.isWithin(unitCode, ancestorCode);
  }

  codesWithin(unitCode: string): Promise<string[]> {
    return this.units.codesWithin(unitCode);
  }
}
