import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import { IdentityStatusDto, LearnerIdParamsDto, RecordIdentityStatusDto } from './dto/identity.dto';
import { RecordIdentityStatusService } from './record-identity-status.service';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('identity-statuses')
export class IdentityController {
  constructor(private readonly identities: RecordIdentityStatusService) {}

  @Post()
  @Roles('province-admin', 'unit-officer', 'mentor')
  @ApiOperation({
    summary: 'Record, with the learner’s consent, their VNeID identity or digital bank account (IV.6.4)',
    description: 'By a helper of the learner’s unit. A field left out is unchanged. Answers the status now.',
  })
  @ApiCreatedResponse({ type: IdentityStatusDto })
  @ApiUnprocessableEntityResponse({ description: 'A learner the campaigns service does not know (yet)' })
  recordIdentityStatus(
    @CurrentActor() actor: Actor,
    @Body() body: RecordIdentityStatusDto,
  ): Promise<IdentityStatusDto> {
    return this.identities.record(actor, {
      learnerId: body.learnerId,
      vneidStatus: body.vneidStatus,
      digitalBankAccount: body.digitalBankAccount,
    });
  }

  @Get(':learnerId')
  @Roles('province-admin', 'unit-officer', 'mentor')
  @ApiOperation({
    summary: 'A learner’s VNeID identity and digital bank account, from the registry and helpers',
  })
  @ApiOkResponse({ type: IdentityStatusDto })
  @ApiUnprocessableEntityResponse({ description: 'A learner the campaigns service does not know (yet)' })
  getIdentityStatus(
    @CurrentActor() actor: Actor,
    @Param() params: LearnerIdParamsDto,
  ): Promise<IdentityStatusDto> {
    return this.identities.get(actor, params.learnerId);
  }
}
