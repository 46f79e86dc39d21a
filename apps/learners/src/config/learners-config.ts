import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Min, MinLength, ValidateIf } from 'class-validator';
import { ServiceConfig } from '@bdhvs/service-runtime';

const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;

export class LearnersConfig extends ServiceConfig {
  /** Key of the citizen-ID blind index (learner key), shared with the certification service. */
  @IsString()
  @MinLength(16)
  PII_HASH_KEY: string;

  /** AES-256 key (base64 of 32 bytes) sealing citizen IDs and names; required unless PII_ENCRYPTION_KEYS is set. */
  @ValidateIf((c: LearnersConfig) => !c.PII_ENCRYPTION_KEYS || c.PII_ENCRYPTION_KEY !== undefined)
  @Matches(BASE64_32_BYTES, { message: 'PII_ENCRYPTION_KEY must be the base64 of 32 bytes' })
  PII_ENCRYPTION_KEY?: string;

  /** Key ring for rotation: "id:base64,id:base64"; values sealed with any of them stay readable. */
  @IsOptional()
  @Matches(/^[\w-]+:[A-Za-z0-9+/]{43}=(,[\w-]+:[A-Za-z0-9+/]{43}=)*$/, {
    message: 'PII_ENCRYPTION_KEYS must be "id:base64,id:base64" of 32-byte keys',
  })
  PII_ENCRYPTION_KEYS?: string;

  /** Id of the key that seals new values (default k1, the id of PII_ENCRYPTION_KEY). */
  @IsOptional()
  @Matches(/^[\w-]+$/, { message: 'PII_ENCRYPTION_KEY_ID must be letters, digits, dash or underscore' })
  PII_ENCRYPTION_KEY_ID?: string;

  /**
   * Key ring opening what certification hands over about citizens VNeID certified and the registry does
   * not know ("id:base64,id:base64" of 32-byte keys), shared with the certification service only.
   */
  @IsString()
  @Matches(/^[\w-]{1,32}:[A-Za-z0-9+/]{43}=(,[\w-]{1,32}:[A-Za-z0-9+/]{43}=)*$/, {
    message: 'VNEID_HANDOVER_KEYS must be "id:base64,id:base64" of 32-byte keys',
  })
  VNEID_HANDOVER_KEYS: string;

  /** Largest CSV body importLearners takes (bytes; default 512 MiB). */
  @Transform(({ value }) => (value === undefined ? 512 * 1024 * 1024 : Number(value)))
  @IsInt()
  @Min(1024)
  LEARNERS_IMPORT_MAX_BYTES = 512 * 1024 * 1024;

  /** Longest line importLearners reads (bytes); a longer one is rejected as malformed. */
  @Transform(({ value }) => (value === undefined ? 8192 : Number(value)))
  @IsInt()
  @Min(256)
  LEARNERS_IMPORT_MAX_LINE_BYTES = 8192;

  /** Most data rows in one importLearners request; a larger file is split by the caller. */
  @Transform(({ value }) => (value === undefined ? 1_000_000 : Number(value)))
  @IsInt()
  @Min(1)
  LEARNERS_IMPORT_MAX_ROWS = 1_000_000;

  /** Rows per transaction of importLearners (one COPY, one INSERT ... SELECT and one outbox statement each). */
  @Transform(({ value }) => (value === undefined ? 10_000 : Number(value)))
  @IsInt()
  @Min(1)
  LEARNERS_IMPORT_BATCH = 10_000;

  /**
   * importLearners answers 202 with a status resource for a body whose Content-Length exceeds this (bytes;
   * default 16 MiB, about 200,000 rows), and for any body sent with `Prefer: respond-async`.
   */
  @Transform(({ value }) => (value === undefined ? 16 * 1024 * 1024 : Number(value)))
  @IsInt()
  @Min(0)
  LEARNERS_IMPORT_ASYNC_BYTES = 16 * 1024 * 1024;
}
