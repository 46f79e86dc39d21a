import { Topics, UnitRegisteredV1, VillageRegisteredV1 } from '@bdhvs/events';
import type { OutgoingEvent } from '@bdhvs/messaging';
import { AdministrativeUnit, unitKey } from './domain/administrative-unit';

/**
 * The upsert announcing a unit, the same for an add and a rename, keyed `<map>:<code>`: a village on
 * learners.village-registered.v1 (its 7-digit code does not fit unit-registered.v1), any other unit on
 * learners.unit-registered.v1, a former unit with the 2025 unit it was merged into.
 */
export function unitRegistered(
  unit: AdministrativeUnit,
): OutgoingEvent<UnitRegisteredV1 | VillageRegisteredV1> {
  const key = unitKey(unit);
  if (unit.type === 'village') {
    return {
      topic: Topics.villageRegistered,
      key,
      subject: key,
      data: {
        map: '2025',
        code: unit.code,
        name: unit.name,
        shortName: unit.shortName,
        type: 'village',
        parentCode: unit.parentCode ?? '',
      },
    };
  }
  return {
    topic: Topics.unitRegistered,
    key,
    subject: key,
    data: {
      map: unit.map,
      code: unit.code,
      name: unit.name,
      shortName: unit.shortName,
      type: unit.type,
      parentCode: unit.parentCode,
      ...(unit.map === 'pre-2025' ? { mergedIntoCode: unit.mergedIntoCode } : {}),
    },
  };
}
