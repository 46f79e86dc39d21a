import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per issued certificate, from certification.certificate-issued.v1. */
@Entity({ name: 'qualification' })
export class QualificationEntity {
  @PrimaryColumn({ name: 'certificate_id', type: 'uuid' })
  certificateId: string;

  @Column({ name: 'learner_key', type: 'char', length: 64 })
  learnerKey: string;

  @Column({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ name: 'source_event_id', type: 'text' })
  sourceEventId: string;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;
}

/** Kept apart from qualification, so that a revocation read before its certificate (another topic) is not lost. */
@Entity({ name: 'revocation' })
export class RevocationEntity {
  @PrimaryColumn({ name: 'certificate_id', type: 'uuid' })
  certificateId: string;

  @Column({ name: 'revoked_at', type: 'timestamptz' })
  revokedAt: Date;

  @Column({ name: 'source_event_id', type: 'text' })
  sourceEventId: string;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt: Date;
}

/** Official denominators and targets per unit, year and indicator. */
@Entity({ name: 'official_figure' })
export class OfficialFigureEntity {
  @PrimaryColumn({ type: 'text' })
  kind: 'denominator' | 'target';

  @PrimaryColumn({ name: 'unit_code', type: 'text' })
  unitCode: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @PrimaryColumn({ type: 'text' })
  indicator: string;

  @Column({ type: 'numeric' })
  value: number;

  @Column({ name: 'set_by', type: 'text' })
  setBy: string;

  @Column({ name: 'set_at', type: 'timestamptz', default: () => 'now()' })
  setAt: Date;
}
