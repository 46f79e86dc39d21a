import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { KeyObject, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { passportJwtSecret } from 'jwks-rsa';
import type { Request } from 'express';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { SERVICE_CONFIG, ServiceConfig } from '@bdhvs/service-runtime';
import { Actor, actorFromClaims } from './actor';

/**
 * Who may issue the tokens a service accepts, and for whom: `JWT_ISSUER` and `JWT_AUDIENCE`, each one
 * value or several comma-separated (while an identity provider is replaced). Unset, the claim is not
 * checked, as in development where `npm run token` mints tokens of issuer `bdhvs-dev` and no audience.
 */
export interface TokenAudienceConfig {
  JWT_ISSUER?: string;
  JWT_AUDIENCE?: string;
}

/** The issuer and audience checks of `TokenAudienceConfig`, as passport-jwt takes them. */
export function tokenClaimChecks(config: TokenAudienceConfig): { issuer?: string[]; audience?: string[] } {
  const list = (value: string | undefined) =>
    value
      ?.split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  const issuer = list(config.JWT_ISSUER);
  const audience = list(config.JWT_AUDIENCE);
  return {
    ...(issuer?.length ? { issuer } : {}),
    ...(audience?.length ? { audience } : {}),
  };
}

/**
 * Tokens already verified, with the actor each stands for: a client sends the same token on every call
 * until it expires, and an RS256 verification per call was a quarter of a service's CPU under load. An
 * entry lives until the token's `exp`, and at most `maxAgeMs`, so a key withdrawn from the JWKS stops
 * being trusted within that time; the oldest entry goes first once `maxEntries` are held. Only the exact
 * token string (signature included) finds an entry.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { actor: Actor; until: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly maxAgeMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): Actor | undefined {
    const hit = this.entries.get(token);
    if (!hit) return undefined;
    if (hit.until > this.now()) return hit.actor;
    this.entries.delete(token);
    return undefined;
  }

  /** `expiresAt`: the token's `exp` claim, in seconds. */
  set(token: string, actor: Actor, expiresAt?: unknown): void {
    const now = this.now();
    const until = Math.min(now + this.maxAgeMs, typeof expiresAt === 'number' ? expiresAt * 1000 : Infinity);
    if (until <= now) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { actor, until });
  }
}

const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/** RS256 bearer tokens, keys from a JWKS URL (production) or a local public key (development). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly verified = new VerifiedTokenCache();

  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig & TokenAudienceConfig) {
    // Keys are handed over as KeyObjects: given PEM text, jsonwebtoken parses the key again on every
    // request (createPublicKey was the largest item of the webhook's CPU profile).
    const key = config.JWT_JWKS_URL
      ? {
          secretOrKeyProvider: keyObjectsOf(
            passportJwtSecret({ jwksUri: config.JWT_JWKS_URL, cache: true, rateLimit: true }),
          ),
        }
      : {
          secretOrKey: createPublicKey(
            readFileSync(config.JWT_PUBLIC_KEY_FILE as string, 'utf8'),
          ) as unknown as string,
        };
    super({
      jwtFromRequest: bearerToken,
      algorithms: ['RS256'],
      passReqToCallback: true,
      ...tokenClaimChecks(config),
      ...key,
    });
  }

  /** A token verified before, and not expired, is not verified again. */
  override authenticate(req: Request, options?: object): void {
    const token = bearerToken(req);
    const actor = token ? this.verified.get(token) : undefined;
    if (actor) return this.success(actor);
    return super.authenticate(req, options);
  }

  validate(req: Request, claims: Record<string, unknown>): Actor | false {
    const actor = actorFromClaims(claims);
    if (!actor) return false;
    const token = bearerToken(req);
    if (token) this.verified.set(token, actor, claims['exp']);
    return actor;
  }
}

type KeyProvider = ReturnType<typeof passportJwtSecret>;

/** The JWKS provider's PEM keys as parsed KeyObjects, parsed once per key. */
function keyObjectsOf(provider: KeyProvider): KeyProvider {
  const parsed = new Map<string, KeyObject>();
  return (request, rawJwtToken, done) =>
    provider(request, rawJwtToken, (error, pem) => {
      if (error || !pem) return done(error, pem);
      const text = typeof pem === 'string' ? pem : pem.toString();
      let keyObject = parsed.get(text);
      if (!keyObject) {
        keyObject = createPublicKey(text);
        parsed.set(text, keyObject);
      }
      done(null, keyObject as unknown as string);
    });
}
