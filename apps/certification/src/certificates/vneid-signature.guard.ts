import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { SERVICE_CONFIG } from '@bdhvs/service-runtime';
import { CertificationConfig } from '../config/certification-config';
import { isValidVneidSignature } from './domain/vneid-signature';

/** Checked before the body is validated: an unsigned body is not looked at. */
@Injectable()
export class VneidSignatureGuard implements CanActivate {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: CertificationConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context
      .switchToHttp()
      .getRequest<{ rawBody?: Buffer; header(name: string): string | undefined }>();
    if (
      !req.rawBody ||
      !isValidVneidSignature(req.rawBody, req.header('x-vneid-signature'), this.config.VNEID_HMAC_SECRET)
    ) {
      throw new UnauthorizedException('X-Vneid-Signature does not match the body.');
    }
    return true;
  }
}
