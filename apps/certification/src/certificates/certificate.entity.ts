import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'certificate' })
export class CertificateEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'certificate_no', unique: true })
  certificateNo: string;

  @Column({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ name: 'masked_name' })
  maskedName: string;

  @Column()
  programme: string;

  @Column({ name: 'unit_code' })
  unitCode: string;

  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revocation_reason', type: 'text', nullable: true })
  revocationReason: string | null;
}

/** Every VNeID event received, by its eventId: the durable record behind the 202 and the dedup key. */
@Entity({ name: 'vneid_event' })
export class VneidEventEntity {
  @PrimaryColumn({ name: 'event_id' })
  eventId: string;

  @Column()
  type: string;

  @Column({ name: 'certificate_no' })
  certificateNo: string;

  @Column({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column()
  outcome: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
