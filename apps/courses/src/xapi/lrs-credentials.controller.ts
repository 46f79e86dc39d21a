import { Body, Controller, Delete, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import {
  CreateLrsCredentialDto,
  LearnerIdParamsDto,
  LrsAccountDto,
  LrsAccountLinkDto,
  LrsCredentialDto,
  LrsCredentialKeyParamsDto,
} from './dto/lrs.dto';
import { LrsCredentialsService } from './lrs-credentials.service';
import { SetLrsAccountService } from './set-lrs-account.service';

@ApiTags('courses')
@ApiBearerAuth()
@Controller()
export class LrsCredentialsController {
  constructor(
    private readonly credentials: LrsCredentialsService,
    private readonly accounts: SetLrsAccountService,
  ) {}

  @Post('lrs-credentials')
  @Roles('province-admin')
  @ApiOperation({
    summary: 'Issue HTTP Basic credentials for the xAPI LRS to a MOOC platform',
    description:
      'The secret is shown once and stored only as a hash. The key reaches the statements and documents ' +
      'of its MOOC only (the `sub` of the platform’s mooc-platform token).',
  })
  @ApiCreatedResponse({ type: LrsCredentialDto })
  async createLrsCredential(
    @CurrentActor() actor: Actor,
    @Body() body: CreateLrsCredentialDto,
  ): Promise<LrsCredentialDto> {
    const { credential, secret } = await this.credentials.issue(actor, body);
    return {
      key: credential.key,
      secret,
      mooc: credential.mooc,
      label: credential.label,
      createdAt: credential.createdAt.toISOString(),
    };
  }

  @Delete('lrs-credentials/:key')
  @HttpCode(204)
  @Roles('province-admin')
  @ApiOperation({ summary: 'Revoke LRS credentials: the key is refused (401) from now on' })
  @ApiNoContentResponse({ description: 'Revoked (again: still 204)' })
  async revokeLrsCredential(
    @CurrentActor() actor: Actor,
    @Param() params: LrsCredentialKeyParamsDto,
  ): Promise<void> {
    await this.credentials.revoke(actor, params.key);
  }

  @Put('learners/:learnerId/lrs-account')
  @Roles('province-admin', 'mooc-platform')
  @ApiOperation({
    summary: 'Set the xAPI account (homePage + name) a MOOC uses for a learner (lrsAccount)',
    description:
      'Statements whose actor has this account count for the learner: completions and progress go through ' +
      'the same path as recordProgress. Statements stored before, for an agent nobody knew, are linked and ' +
      'applied now. An account already set for another learner: 409 with its `learnerId`.',
  })
  @ApiOkResponse({ type: LrsAccountLinkDto })
  async setLrsAccount(
    @CurrentActor() actor: Actor,
    @Param() params: LearnerIdParamsDto,
    @Body() body: LrsAccountDto,
  ): Promise<LrsAccountLinkDto> {
    return this.accounts.set(actor, params.learnerId, { homePage: body.homePage, name: body.name });
  }
}
