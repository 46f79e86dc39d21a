import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A key and hashed secret a province admin issued to a MOOC platform for HTTP Basic on the LRS. */
@Entity({ name: 'lrs_credential' })
export class LrsCredentialEntity {
  @PrimaryColumn('text')
  key: string;

  @Column({ name: 'secret_sha256', type: 'char', length: 64 })
  secretSha256: string;

  /** The MOOC platform (its `sub` as a mooc-platform) whose statements and documents the key reaches. */
  @Column({ type: 'text' })
  mooc: string;

  @Column({ type: 'text' })
  label: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

/** The xAPI account (homePage + name) a MOOC uses for a learner. */
@Entity({ name: 'lrs_account' })
export class LrsAccountEntity {
  @PrimaryColumn({ name: 'home_page', type: 'text' })
  homePage: string;

  @PrimaryColumn('text')
  name: string;

  @Column({ name: 'learner_id', type: 'uuid' })
  learnerId: string;

  @Column({ name: 'set_by', type: 'text' })
  setBy: string;

  @Column({ name: 'set_at', type: 'timestamptz' })
  setAt: Date;
}

/** One stored xAPI statement with what the filters of GET /statements match on. */
@Entity({ name: 'xapi_statement' })
export class XapiStatementEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Storage order: `more` pages and `since`/`until` ties follow it. */
  @Column({ type: 'bigint', insert: false })
  seq: string;

  @Column({ type: 'text' })
  mooc: string;

  /** As stored: with `stored`, `authority`, `version`, `timestamp` set by the LRS. */
  @Column({ type: 'jsonb' })
  statement: object;

  /**
   * SHA-256 of the statement as received, in canonical JSON (keys sorted): a second PUT or POST of the id
   * is compared with it. A hash, not a second JSONB copy: equality is all the check needs.
   */
  @Column({ name: 'received_sha256', type: 'char', length: 64 })
  receivedSha256: string;

  @Column({ type: 'timestamptz' })
  stored: Date;

  @Column({ name: 'verb_id', type: 'text' })
  verbId: string;

  @Column({ name: 'object_id', type: 'text', nullable: true })
  objectId: string | null;

  @Column({ name: 'voiding_target', type: 'uuid', nullable: true })
  voidingTarget: string | null;

  @Column({ name: 'object_ref', type: 'uuid', nullable: true })
  objectRef: string | null;

  @Column({ type: 'boolean', insert: false })
  voided: boolean;

  @Column({ type: 'uuid', nullable: true })
  registration: string | null;

  @Column({ type: 'text', array: true })
  agents: string[];

  @Column({ name: 'related_agents', type: 'text', array: true })
  relatedAgents: string[];

  @Column({ type: 'text', array: true })
  activities: string[];

  @Column({ name: 'related_activities', type: 'text', array: true })
  relatedActivities: string[];

  /** `homePage|name` of the actor's account, while no learner is linked to it. */
  @Column({ name: 'actor_account', type: 'text', nullable: true })
  actorAccount: string | null;

  @Column({ name: 'learner_id', type: 'uuid', nullable: true })
  learnerId: string | null;

  @Column({ name: 'attachment_hashes', type: 'text', array: true })
  attachmentHashes: string[];
}

/** An attachment's bytes, once per SHA-2. */
@Entity({ name: 'xapi_attachment' })
export class XapiAttachmentEntity {
  @PrimaryColumn('text')
  sha2: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ type: 'bytea' })
  content: Buffer;
}

/** A document of the state, activity profile or agent profile resource ('' where a key does not apply). */
@Entity({ name: 'xapi_document' })
export class XapiDocumentEntity {
  @PrimaryColumn('text')
  mooc: string;

  @PrimaryColumn('text')
  kind: string;

  @PrimaryColumn({ name: 'activity_id', type: 'text' })
  activityId: string;

  @PrimaryColumn('text')
  agent: string;

  @PrimaryColumn('text')
  registration: string;

  @PrimaryColumn({ name: 'document_id', type: 'text' })
  documentId: string;

  @Column({ type: 'bytea' })
  content: Buffer;

  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ type: 'text' })
  etag: string;

  @Column({ type: 'timestamptz' })
  updated: Date;
}
