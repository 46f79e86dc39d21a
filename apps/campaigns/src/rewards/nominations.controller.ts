import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import { Nomination } from './domain/nomination';
import {
  ListNominationsQueryDto,
  NominateForRewardDto,
  NominationDto,
  NominationIdParamsDto,
} from './dto/nomination.dto';
import { NominateForRewardService } from './nominate-for-reward.service';

/** Emulation and rewards (IV.2.2): nominations, who proposed and who approved them. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('nominations')
export class NominationsController {
  constructor(private readonly nominations: NominateForRewardService) {}

  @Post()
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({
    summary: 'Nominate a unit, mentor or team for a reward for a period (by an officer of its unit)',
  })
  @ApiCreatedResponse({ type: NominationDto })
  @ApiUnprocessableEntityResponse({
    description: 'A nominee (learner, mentor, team or unit) the campaigns service does not know',
  })
  async nominateForReward(
    @CurrentActor() actor: Actor,
    @Body() body: NominateForRewardDto,
  ): Promise<NominationDto> {
    return toDto(await this.nominations.nominate(actor, body));
  }

  @Post(':nominationId/approval')
  @HttpCode(200)
  @Roles('province-admin')
  @ApiOperation({ summary: 'Approve a nomination (the province; never whoever proposed it)' })
  @ApiOkResponse({ type: NominationDto })
  async approveNomination(
    @CurrentActor() actor: Actor,
    @Param() params: NominationIdParamsDto,
  ): Promise<NominationDto> {
    return toDto(await this.nominations.approve(actor, params.nominationId));
  }

  @Get()
  @Roles('province-admin', 'unit-officer', 'district-system')
  @ApiOperation({ summary: 'Nominations of the caller’s unit (all for the province), newest first' })
  // NominationRepository.list answers the newest 500.
  @ApiExtraModels(NominationDto)
  @ApiOkResponse({ schema: { type: 'array', maxItems: 500, items: { $ref: getSchemaPath(NominationDto) } } })
  async listNominations(
    @CurrentActor() actor: Actor,
    @Query() query: ListNominationsQueryDto,
  ): Promise<NominationDto[]> {
    return (await this.nominations.list(actor, query.period)).map(toDto);
  }
}

function toDto(n: Nomination): NominationDto {
  return {
    ...n,
    proposedAt: new Date(n.proposedAt).toISOString(),
    approvedAt: n.approvedAt ? new Date(n.approvedAt).toISOString() : null,
  };
}
