import { Injectable } from '@nestjs/common';
import { AdministrativeUnit, UnitMap } from './domain/administrative-unit';
import { AdministrativeUnitRepository } from './administrative-unit.repository';

/** listUnits: one map's units, or the children of one unit, sorted by code. */
@Injectable()
export class ListUnitsService {
  constructor(private readonly units: AdministrativeUnitRepository) {}

  list(map: UnitMap, parentCode?: string): Promise<AdministrativeUnit[]> {
    return this.units.list(map, parentCode);
  }
}
