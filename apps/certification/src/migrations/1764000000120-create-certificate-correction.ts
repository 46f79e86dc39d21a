import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCertificateCorrection1764000000120 implements MigrationInterface {
  name = 'CreateCertificateCorrection1764000000120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE certificate_correction (
        id uuid PRIMARY KEY,
        certificate_no text NOT NULL,
        from_certificate_id uuid NOT NULL,
        to_certificate_id uuid NOT NULL,
        from_unit_code text NOT NULL,
        to_unit_code text NOT NULL,
        from_programme text NOT NULL,
        to_programme text NOT NULL,
        reason text NOT NULL,
        corrected_by text NOT NULL,
        corrected_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX certificate_correction_by_number ON certificate_correction (certificate_no)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certificate_correction`);
  }
}
