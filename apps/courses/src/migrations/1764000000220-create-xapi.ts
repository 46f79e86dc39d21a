import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateXapi1764000000220 implements MigrationInterface {
  name = 'CreateXapi1764000000220';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lrs_credential (
        key text PRIMARY KEY,
        secret_sha256 char(64) NOT NULL,
        mooc text NOT NULL,
        label text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE lrs_account (
        home_page text NOT NULL,
        name text NOT NULL,
        learner_id uuid NOT NULL,
        set_by text NOT NULL,
        set_at timestamptz NOT NULL,
        PRIMARY KEY (home_page, name)
      )`);
    await q.query('CREATE UNIQUE INDEX lrs_account_learner ON lrs_account (learner_id, home_page)');
    await q.query(`
      CREATE TABLE xapi_statement (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL UNIQUE,
        mooc text NOT NULL,
        statement jsonb NOT NULL,
        received_sha256 char(64) NOT NULL,
        stored timestamptz NOT NULL,
        verb_id text NOT NULL,
        object_id text,
        voiding_target uuid,
        object_ref uuid,
        voided boolean NOT NULL DEFAULT false,
        registration uuid,
        agents text[] NOT NULL,
        related_agents text[] NOT NULL,
        activities text[] NOT NULL,
        related_activities text[] NOT NULL,
        actor_account text,
        learner_id uuid,
        attachment_hashes text[] NOT NULL
      )`);
    // One index per filter of GET /statements; each query is bounded by the MOOC and ordered by seq.
    // `agents` and `activities` are subsets of the related_* arrays: their filters use those GIN indexes.
    await q.query('CREATE INDEX xapi_statement_mooc_seq ON xapi_statement (mooc, seq)');
    await q.query('CREATE INDEX xapi_statement_verb ON xapi_statement (mooc, verb_id, seq)');
    await q.query('CREATE INDEX xapi_statement_registration ON xapi_statement (registration)');
    await q.query('CREATE INDEX xapi_statement_stored ON xapi_statement (mooc, stored)');
    await q.query('CREATE INDEX xapi_statement_related_agents ON xapi_statement USING gin (related_agents)');
    await q.query(
      'CREATE INDEX xapi_statement_related_activities ON xapi_statement USING gin (related_activities)',
    );
    await q.query('CREATE INDEX xapi_statement_object ON xapi_statement (object_id)');
    await q.query(
      'CREATE INDEX xapi_statement_unlinked ON xapi_statement (actor_account) WHERE learner_id IS NULL',
    );
    await q.query(`
      CREATE TABLE xapi_attachment (
        sha2 text PRIMARY KEY,
        content_type text NOT NULL,
        content bytea NOT NULL
      )`);
    await q.query(`
      CREATE TABLE xapi_document (
        mooc text NOT NULL,
        kind text NOT NULL,
        activity_id text NOT NULL,
        agent text NOT NULL,
        registration text NOT NULL,
        document_id text NOT NULL,
        content bytea NOT NULL,
        content_type text NOT NULL,
        etag text NOT NULL,
        updated timestamptz NOT NULL,
        PRIMARY KEY (mooc, kind, activity_id, agent, registration, document_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'xapi_document',
      'xapi_attachment',
      'xapi_statement',
      'lrs_account',
      'lrs_credential',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
