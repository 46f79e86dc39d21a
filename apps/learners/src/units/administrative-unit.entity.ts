import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { UnitMap, UnitType } from './domain/administrative-unit';

@Entity({ name: 'administrative_unit' })
export class AdministrativeUnitEntity {
  @PrimaryColumn({ type: 'text' })
  map: UnitMap;

  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'short_name', type: 'text' })
  shortName: string;

  @Column({ type: 'text' })
  type: UnitType;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode: string | null;

  @Column({ name: 'merged_into_code', type: 'text', nullable: true })
  mergedIntoCode: string | null;

  @Column({ name: 'gso_type', type: 'text', nullable: true })
  gsoType: string | null;

  @Column({ name: 'resolution_item', type: 'integer', nullable: true })
  resolutionItem: number | null;

  @Column({ type: 'text' })
  source: string;
}
