import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NominationStatus, NomineeKind } from './domain/nomination';

@Entity({ name: 'nomination' })
export class NominationEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'nominee_kind', type: 'text' })
  nomineeKind: NomineeKind;

  @Column({ name: 'nominee_id', type: 'text' })
  nomineeId: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  status: NominationStatus;

  @Column({ name: 'proposed_by', type: 'text' })
  proposedBy: string;

  @Column({ name: 'proposed_at', type: 'timestamptz' })
  proposedAt: Date;

  @Column({ name: 'approved_by', type: 'text', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;
}
