import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { ServiceConfig } from '@bdhvs/service-runtime';

export class CertificationConfig extends ServiceConfig {
  /**
   * Shared secret of the VNeID adapter's HMAC-SHA256 signature; while it rotates, the old and the new
   * one, comma-separated, either accepted.
   */
  @IsString()
  @Matches(/^[^,]{16,}(,[^,]{16,})?$/, {
    message: 'VNEID_HMAC_SECRET must be one or two secrets of 16+ characters, comma-separated',
  })
  VNEID_HMAC_SECRET: string;

  /**
   * Programmes VNeID certifies, comma-separated: an event for another programme is refused. The
   * default is the programmes the courses service seeds from the plan.
   */
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
      : value,
  )
  @ArrayNotEmpty()
  @Matches(/^[A-Z][A-Z0-9_]{0,63}$/, {
    each: true,
    message: 'VNEID_PROGRAMMES must be programme codes, comma-separated',
  })
  VNEID_PROGRAMMES: string[] = [
    'CITIZEN_BASIC',
    'PUBLIC_SECTOR_DIGITAL',
    'ENTERPRISE_WORKER_DIGITAL',
    'STUDENT_PRIMARY',
    'STUDENT_LOWER_SECONDARY',
    'STUDENT_UPPER_SECONDARY',
    'STUDENT_POST_SECONDARY',
  ];

  /** Key of the citizen-ID blind index, shared with the learners service. */
  @IsString()
  @MinLength(16)
  PII_HASH_KEY: string;

  /**
   * Key ring sealing what certification hands over to the learners service about citizens VNeID certified
   * and the registry does not know ("id:base64,id:base64" of 32-byte keys; the last one seals). Shared
   * with the learners service only.
   */
  @IsString()
  @Matches(/^[\w-]{1,32}:[A-Za-z0-9+/]{43}=(,[\w-]{1,32}:[A-Za-z0-9+/]{43}=)*$/, {
    message: 'VNEID_HANDOVER_KEYS must be "id:base64,id:base64" of 32-byte keys',
  })
  VNEID_HANDOVER_KEYS: string;

  /** Public certificate checks one client may make per minute; more are answered 429 with Retry-After. */
  @Transform(({ value }) => (value === undefined ? 30 : Number(value)))
  @IsInt()
  @Min(1)
  VERIFY_RATE_LIMIT_PER_MINUTE = 30;

  /**
   * Proxies in front of the service that append the caller's address to X-Forwarded-For (the gateway:
   * 1; the gateway behind an Ingress: 2). The client is the address that many entries from the right.
   */
  @Transform(({ value }) => (value === undefined ? 1 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(5)
  TRUSTED_PROXY_HOPS = 1;

  /** A revocation whose certificate has not arrived after this long goes to the review queue (seconds; default a day). */
  @Transform(({ value }) => (value === undefined ? 86_400 : Number(value)))
  @IsInt()
  @Min(0)
  REVIEW_REVOCATION_OVERDUE_SECONDS = 86_400;

  /** How often each instance looks for overdue revocations (ms). */
  @Transform(({ value }) => (value === undefined ? 60_000 : Number(value)))
  @IsInt()
  @Min(100)
  REVIEW_SWEEP_INTERVAL_MS = 60_000;

  /** How long a webhook call waits for concurrent ones to share its transaction (ms). */
  @Transform(({ value }) => (value === undefined ? 2 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(50)
  VNEID_GROUP_COMMIT_MS = 2;
}
