import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import { LearnerCertificatesParamsDto } from '../certificates/dto/certificate.dto';
import {
  CertificationRequestDto,
  MAX_REQUESTS_OF_LEARNER,
  toCertificationRequestDto,
} from './dto/certification-request.dto';
import { ReadCertificationRequestsService } from './read-certification-requests.service';

@ApiTags('certification')
@ApiExtraModels(CertificationRequestDto)
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
  @ApiOkResponse({
    schema: {
      type: 'array',
      maxItems: MAX_REQUESTS_OF_LEARNER,
      items: { $ref: getSchemaPath(CertificationRequestDto) },
    },
  })
  @ApiForbiddenResponse({ description: 'application/problem+json: the learner is outside your unit' })
  @ApiNotFoundResponse({ description: 'application/problem+json: no learner known by that id' })
  async listCertificationRequests(
    @CurrentActor() actor: Actor,
    @Param() params: LearnerCertificatesParamsDto,
  ): Promise<CertificationRequestDto[]> {
    return (await this.requests.listForLearner(actor, params.learnerId)).map(toCertificationRequestDto);
  }
}
