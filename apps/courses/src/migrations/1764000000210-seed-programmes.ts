import { MigrationInterface, QueryRunner } from 'typeorm';
import { PROGRAMME_SEED } from '../programmes/domain/programme-seed';

/** Version 1 of each target group's programme, from the plan: marked `seed`, with its source. */
export class SeedProgrammes1764000000210 implements MigrationInterface {
  name = 'SeedProgrammes1764000000210';

  async up(q: QueryRunner): Promise<void> {
    const seed = JSON.stringify(PROGRAMME_SEED);
    await q.query(
      `INSERT INTO programme (code, target_group, student_levels, current_version)
       SELECT p.code, p."group", ARRAY(SELECT jsonb_array_elements_text(p."studentLevels")), 1
         FROM jsonb_to_recordset($1::jsonb) AS p(code text, "group" text, "studentLevels" jsonb)`,
      [seed],
    );
    await q.query(
      `INSERT INTO programme_version (code, version, title, description, levels, competencies, seed, source, edited_by, edited_at)
       SELECT p.code, 1, p.title, p.description,
              ARRAY(SELECT jsonb_array_elements_text(p.levels)::int),
              ARRAY(SELECT jsonb_array_elements_text(p.competencies)),
              true, p.source, NULL, now()
         FROM jsonb_to_recordset($1::jsonb)
              AS p(code text, title text, description text, levels jsonb, competencies jsonb, source text)`,
      [seed],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM programme_version WHERE seed');
    await q.query(
      'DELETE FROM programme WHERE NOT EXISTS (SELECT 1 FROM programme_version v WHERE v.code = programme.code)',
    );
  }
}
