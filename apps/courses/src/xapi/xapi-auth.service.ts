import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import passport from 'passport';
import type { Actor } from '@bdhvs/auth';
import type { JsonObject } from './domain/statement';
import { XapiForbiddenError, XapiUnauthorizedError } from './domain/xapi.errors';
import { LrsCredentialRepository } from './lrs-credential.repository';

/** Who calls the LRS: the MOOC whose statements and documents it reaches, and the authority it writes. */
export interface LrsPrincipal {
  mooc: string;
  authority: JsonObject;
}

/** The homePage of the accounts the LRS names its callers with in `authority`. */
export const LRS_AUTHORITY_HOME = 'https://lms.laichau.gov.vn/lrs';

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * HTTP Basic with a key and secret a province admin issued (secrets are stored as SHA-256: they are 256
 * random bits, so a slow hash would add nothing but latency on every call), or the platform's bearer
 * token of a `mooc-platform`.
 */
@Injectable()
export class XapiAuthService {
  constructor(private readonly credentials: LrsCredentialRepository) {}

  async authenticate(authorization: string | undefined): Promise<LrsPrincipal> {
    if (!authorization) throw new XapiUnauthorizedError();
    const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
    if (/^basic$/i.test(scheme)) return this.basic(value);
    if (/^bearer$/i.test(scheme)) return this.bearer(authorization.trim());
    throw new XapiUnauthorizedError('Use HTTP Basic or a bearer token.');
  }

  private async basic(encoded: string): Promise<LrsPrincipal> {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) throw new XapiUnauthorizedError('Malformed Basic credentials.');
    const key = decoded.slice(0, colon);
    const credential = await this.credentials.findActive(key);
    const given = Buffer.from(sha256Hex(decoded.slice(colon + 1)));
    if (!credential || !timingSafeEqual(given, Buffer.from(credential.secretSha256)))
      throw new XapiUnauthorizedError('Unknown or revoked LRS credentials.');
    return {
      mooc: credential.mooc,
      authority: {
        objectType: 'Agent',
        name: credential.label,
        account: { homePage: LRS_AUTHORITY_HOME, name: key },
      },
    };
  }

  private async bearer(authorization: string): Promise<LrsPrincipal> {
    const actor = await new Promise<Actor | null>((resolve) => {
      const verify = passport.authenticate('jwt', { session: false }, (error: unknown, user: Actor | false) =>
        resolve(error || !user ? null : user),
      );
      verify({ headers: { authorization } }, {}, () => resolve(null));
    });
    if (!actor) throw new XapiUnauthorizedError('Invalid bearer token.');
    if (!actor.roles.includes('mooc-platform'))
      throw new XapiForbiddenError('The LRS takes bearer tokens of the mooc-platform role only.');
    return {
      mooc: actor.sub,
      authority: { objectType: 'Agent', account: { homePage: LRS_AUTHORITY_HOME, name: actor.sub } },
    };
  }
}
