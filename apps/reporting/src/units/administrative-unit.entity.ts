import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The units published by the learners service (both maps). */
@Entity({ name: 'administrative_unit' })
export class AdministrativeUnitEntity {
  @PrimaryColumn({ type: 'text' })
  map: string;

  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode: string | null;

  @Column({ name: 'merged_into_code', type: 'text', nullable: true })
  mergedIntoCode: string | null;
}
