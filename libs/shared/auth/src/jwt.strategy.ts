import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { KeyObject, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { passportJwtSecret } from 'jwks-rsa';
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

/** RS256 bearer tokens, keys from a JWKS URL (production) or a local public key (development). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
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
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      algorithms: ['RS256'],
      ...tokenClaimChecks(config),
      ...key,
    });
  }

  validate(claims: Record<string, unknown>): Actor | false {
    return actorFromClaims(claims) ?? false;
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
