import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The history of corrections: what a certificate was, what it became, why and by whom. */
@Entity({ name: 'certificate_correction' })
export class CertificateCorrectionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'certificate_no' })
  certificateNo: string;

  @Column({ name: 'from_certificate_id', type: 'uuid' })
  fromCertificateId: string;

  @Column({ name: 'to_certificate_id', type: 'uuid' })
  toCertificateId: string;

  @Column({ name: 'from_unit_code' })
  fromUnitCode: string;

  @Column({ name: 'to_unit_code' })
  toUnitCode: string;

  @Column({ name: 'from_programme' })
  fromProgramme: string;

  @Column({ name: 'to_programme' })
  toProgramme: string;

  @Column()
  reason: string;

  @Column({ name: 'corrected_by' })
  correctedBy: string;

  @Column({ name: 'corrected_at', type: 'timestamptz' })
  correctedAt: Date;
}
