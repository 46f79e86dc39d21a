import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTooManyRequestsResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import { Public } from '@bdhvs/service-runtime';
import { statusOf } from './domain/certificate';
import { VNEID_SIGNATURE_MAX_LENGTH } from './domain/vneid-signature';
import {
  CertificateDto,
  CertificateNoParamsDto,
  CertificateVerificationDto,
  LearnerCertificatesParamsDto,
  MAX_CERTIFICATES_OF_LEARNER,
  toCertificateDto,
} from './dto/certificate.dto';
import { VneidEventDto, VneidEventReceiptDto } from './dto/vneid-event.dto';
import { CorrectCertificateDto } from './dto/correct-certificate.dto';
import { CorrectCertificateService } from './correct-certificate.service';
import { ReadCertificatesService } from './read-certificates.service';
import { ReceiveVneidEventService } from './receive-vneid-event.service';
import { VerificationRateLimitGuard } from './verification-rate-limit.guard';
import { VneidSignatureGuard } from './vneid-signature.guard';

@ApiTags('certification')
@ApiExtraModels(CertificateDto)
@Controller()
export class CertificatesController {
  constructor(
    private readonly receiveVneid: ReceiveVneidEventService,
    private readonly certificates: ReadCertificatesService,
    private readonly corrections: CorrectCertificateService,
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
    schema: { type: 'string', maxLength: VNEID_SIGNATURE_MAX_LENGTH },
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
  async getCertificate(@Param() params: CertificateNoParamsDto): Promise<CertificateDto> {
    return toCertificateDto(await this.certificates.get(params.certificateNo));
  }

  @Post('certificates/:certificateNo/corrections')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('province-admin')
  @ApiOperation({
    summary: 'Correct a certificate issued to the wrong unit or programme',
    description:
      'Publishes a revocation of the certificate as it was and a reissue as it should have been, both at the original issue instant; the history is kept.',
  })
  @ApiOkResponse({ type: CertificateDto, description: 'The certificate as corrected' })
  async correctCertificate(
    @CurrentActor() actor: Actor,
    @Param() params: CertificateNoParamsDto,
    @Body() body: CorrectCertificateDto,
  ): Promise<CertificateDto> {
    return toCertificateDto(
      await this.corrections.correct(actor, { certificateNo: params.certificateNo, ...body }),
    );
  }

  @Get('learners/:learnerId/certificates')
  @ApiBearerAuth()
  @Roles('province-admin', 'unit-officer', 'district-system')
  @ApiOperation({
    summary: "A learner's certificates, revoked ones included",
    description: 'A unit-bounded caller sees the learners of their unit and the units below it.',
  })
  @ApiOkResponse({
    schema: {
      type: 'array',
      maxItems: MAX_CERTIFICATES_OF_LEARNER,
      items: { $ref: getSchemaPath(CertificateDto) },
    },
  })
  async listLearnerCertificates(
    @CurrentActor() actor: Actor,
    @Param() params: LearnerCertificatesParamsDto,
  ): Promise<CertificateDto[]> {
    return (await this.certificates.listForLearner(actor, params.learnerId)).map(toCertificateDto);
  }

  @Public()
  @Get('certificates/:certificateNo/verification')
  @UseGuards(VerificationRateLimitGuard)
  @ApiOperation({
    summary: 'Public check of a certificate number: valid, revoked or unknown',
    description:
      'Rate limited per client. A number nobody issued and a malformed one (of 1 to 64 characters) get the same answer: `unknown`.',
  })
  @ApiOkResponse({ type: CertificateVerificationDto })
  @ApiTooManyRequestsResponse({ description: 'Too many checks from this client; see Retry-After' })
  async verifyCertificate(@Param() params: CertificateNoParamsDto): Promise<CertificateVerificationDto> {
    const { certificateNo } = params;
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
