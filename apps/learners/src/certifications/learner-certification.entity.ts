import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One certificate of a learner, as the certification events told it; written by upserts only. */
@Entity({ name: 'learner_certification' })
export class LearnerCertificationEntity {
  @PrimaryColumn({ name: 'certificate_no', type: 'text' })
  certificateNo: string;

  @Column({ name: 'certificate_id', type: 'uuid' })
  certificateId: string;

  @Column({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ type: 'text' })
  programme: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true })
  issuedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
