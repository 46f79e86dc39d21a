import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAdministrativeUnit1764000000200 implements MigrationInterface {
  name = 'CreateAdministrativeUnit1764000000200';

  async up(q: QueryRunner): Promise<void> {
    // 2025 codes reuse former codes for other units: a code means something only with its map.
    await q.query(`
      CREATE TABLE administrative_unit (
        map text NOT NULL CHECK (map IN ('2025', 'pre-2025')),
        code text NOT NULL,
        name text NOT NULL,
        short_name text NOT NULL,
        type text NOT NULL CHECK (type IN ('province', 'city', 'district', 'town', 'commune', 'ward', 'village')),
        parent_code text,
        merged_into_code text,
        gso_type text,
        resolution_item integer,
        source text NOT NULL,
        PRIMARY KEY (map, code)
      )`);
    await q.query('CREATE INDEX administrative_unit_parent ON administrative_unit (map, parent_code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE administrative_unit');
  }
}
