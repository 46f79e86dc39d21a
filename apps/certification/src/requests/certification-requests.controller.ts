import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import { LearnerCertificatesParamsDto } from '../certificates/dto/certificate.dto';
import { CertificationRequestDto, toCertificationRequestDto } from './dto/certification-request.dto';
import { ReadCertificationRequestsService } from './read-certification-requests.service';

@ApiTags('certification')
@Controller()
export class CertificationRequestsController {
  constructor(private readonly requests: ReadCertificationRequestsService) {}

  @Get('learners/:learnerId/certification-requests')
  @ApiBearerAuth()
  @Roles('province-admin', 'unit-officer', 'district-system')
  @ApiOperation({
    summary: "A learner's requests to VNeID (one per programme) and whether VNeID confirmed them",
    description: 'A unit-bounded caller sees the learners of their unit and the units below it.',
  })
  @ApiOkResponse({ type: CertificationRequestDto, isArray: true })
  @ApiForbiddenResponse({ description: 'application/problem+json: the learner is outside your unit' })
  @ApiNotFoundResponse({ description: 'application/problem+json: no learner known by that id' })
  async listCertificationRequests(
    @CurrentActor() actor: Actor,
    @Param() params: LearnerCertificatesParamsDto,
  ): Promise<CertificationRequestDto[]> {
    return (await this.requests.listForLearner(actor, params.learnerId)).map(toCertificationRequestDto);
  }
}
