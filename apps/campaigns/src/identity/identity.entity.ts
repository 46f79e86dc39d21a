import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IdentitySource, VneidStatus } from './domain/identity';

/** A statement about a learner's VNeID identity and/or digital bank account (m_identity16). */
@Entity({ name: 'identity_record' })
export class IdentityRecordEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'vneid_status', type: 'text', nullable: true })
  vneidStatus: VneidStatus | null;

  @Column({ name: 'digital_bank_account', type: 'boolean', nullable: true })
  digitalBankAccount: boolean | null;

  @Column({ type: 'text' })
  source: IdentitySource;

  @Column({ name: 'recorded_by', type: 'text', nullable: true })
  recordedBy: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
