import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { readFileSync } from 'node:fs';
import { passportJwtSecret } from 'jwks-rsa';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { SERVICE_CONFIG, ServiceConfig } from '@bdhvs/service-runtime';
import { Actor, actorFromClaims } from './actor';

/** RS256 bearer tokens, keys from a JWKS URL (production) or a local public key (development). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    const key = config.JWT_JWKS_URL
      ? {
          secretOrKeyProvider: passportJwtSecret({
            jwksUri: config.JWT_JWKS_URL,
            cache: true,
            rateLimit: true,
          }),
        }
      : { secretOrKey: readFileSync(config.JWT_PUBLIC_KEY_FILE as string, 'utf8') };
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), algorithms: ['RS256'], ...key });
  }

  validate(claims: Record<string, unknown>): Actor | false {
    return actorFromClaims(claims) ?? false;
  }
}
