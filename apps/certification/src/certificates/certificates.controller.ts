import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '@bdhvs/auth';
import { Public } from '@bdhvs/service-runtime';
import { statusOf } from './domain/certificate';
import { CertificateDto, CertificateVerificationDto } from './dto/certificate.dto';
import { VneidEventDto, VneidEventReceiptDto } from './dto/vneid-event.dto';
import { ReadCertificatesService } from './read-certificates.service';
import { ReceiveVneidEventService } from './receive-vneid-event.service';
import { VneidSignatureGuard } from './vneid-signature.guard';

@ApiTags('certification')
@Controller()
export class CertificatesController {
  constructor(
    private readonly receiveVneid: ReceiveVneidEventService,
    private readonly certificates: ReadCertificatesService,
  ) {}

  @Post('vneid-events')
  @HttpCode(202)
  @ApiBearerAuth()
  @Roles('vneid-adapter')
  @UseGuards(VneidSignatureGuard)
  @ApiHeader({
    name: 'X-Vneid-Signature',
    required: true,
    description: 'sha256=<hex HMAC-SHA256 of the raw body>',
  })
  @ApiOperation({ summary: 'Receive a certification or revocation confirmed on VNeID' })
  @ApiAcceptedResponse({ type: VneidEventReceiptDto, description: 'Stored durably; applied exactly once' })
  @ApiOkResponse({
    type: VneidEventReceiptDto,
    description: 'This eventId was received before; nothing changed',
  })
  async receiveVneidEvent(
    @Body() body: VneidEventDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<VneidEventReceiptDto> {
    const result = await this.receiveVneid.receive(body);
    if (!result.accepted) res.status(200);
    return { eventId: body.eventId, status: result.accepted ? 'accepted' : 'duplicate' };
  }

  @Get('certificates/:certificateNo')
  @ApiBearerAuth()
  @Roles('province-admin', 'vneid-adapter', 'district-system')
  @ApiOperation({ summary: 'A certificate, with the holder name masked' })
  @ApiOkResponse({ type: CertificateDto })
  async getCertificate(@Param('certificateNo') certificateNo: string): Promise<CertificateDto> {
    const certificate = await this.certificates.get(certificateNo);
    return {
      certificateNo: certificate.certificateNo,
      status: statusOf(certificate),
      holderName: certificate.maskedName,
      programme: certificate.programme,
      unitCode: certificate.unitCode,
      issuedAt: certificate.issuedAt.toISOString(),
      revokedAt: certificate.revokedAt?.toISOString() ?? null,
    };
  }

  @Public()
  @Get('certificates/:certificateNo/verification')
  @ApiOperation({ summary: 'Public check of a certificate number: valid, revoked or unknown' })
  @ApiOkResponse({ type: CertificateVerificationDto })
  async verifyCertificate(
    @Param('certificateNo') certificateNo: string,
  ): Promise<CertificateVerificationDto> {
    const certificate = await this.certificates.find(certificateNo);
    if (!certificate) return { certificateNo, status: 'unknown' };
    return {
      certificateNo,
      status: statusOf(certificate),
      holderName: certificate.maskedName,
      programme: certificate.programme,
      issuedAt: certificate.issuedAt.toISOString(),
    };
  }
}
