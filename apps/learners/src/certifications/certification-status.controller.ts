import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import { CertificationStatusService } from './certification-status.service';
import { CertificationStatusDto, LearnerKeyParamsDto } from './dto/certification-status.dto';

@ApiTags('learners')
@ApiBearerAuth()
@Controller('certification-status')
export class CertificationStatusController {
  constructor(private readonly status: CertificationStatusService) {}

  @Get(':learnerKey')
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({ summary: 'Whether a learner is certified on VNeID, with their certificates' })
  @ApiOkResponse({ type: CertificationStatusDto })
  async getLearnerCertificationStatus(
    @CurrentActor() actor: Actor,
    @Param() params: LearnerKeyParamsDto,
  ): Promise<CertificationStatusDto> {
    const status = await this.status.statusOf(actor, params.learnerKey);
    return {
      learnerKey: status.learnerKey,
      certified: status.certified,
      certificates: status.certificates.map((c) => ({
        certificateNo: c.certificateNo,
        programme: c.programme,
        unitCode: c.unitCode,
        status: c.state,
        issuedAt: c.issuedAt?.toISOString() ?? null,
        revokedAt: c.revokedAt?.toISOString() ?? null,
      })),
    };
  }
}
