import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import { Campaign } from './domain/campaign';
import {
  ActivitySummaryDto,
  CampaignDto,
  CampaignIdParamsDto,
  CampaignWithActivitiesDto,
  CreateCampaignDto,
  ListCampaignsQueryDto,
  RecordActivityDto,
} from './dto/campaign.dto';
import { CreateCampaignService } from './create-campaign.service';
import { ReadCampaignsService } from './read-campaigns.service';
import { RecordActivityService } from './record-activity.service';

/** Campaigns of the movement's models and their activities, with who took part. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly creation: CreateCampaignService,
    private readonly activities: RecordActivityService,
    private readonly reads: ReadCampaignsService,
  ) {}

  @Post()
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({ summary: 'Start a campaign of one of the models in a unit, run by an organisation' })
  @ApiCreatedResponse({ type: CampaignDto })
  async createCampaign(
    @CurrentActor() actor: Actor,
    @Body() body: CreateCampaignDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CampaignDto> {
    const campaign = await this.creation.create(actor, { ...body, endsOn: body.endsOn ?? null });
    res.location(`/api/v1/campaigns/campaigns/${campaign.id}`);
    return toCampaignDto(campaign);
  }

  @Get()
  @Roles('province-admin', 'unit-officer', 'mentor', 'district-system')
  @ApiOperation({ summary: 'Campaigns of the caller’s unit, newest first' })
  // ReadCampaignsService.list answers the newest 200.
  @ApiExtraModels(CampaignDto)
  @ApiOkResponse({ schema: { type: 'array', maxItems: 200, items: { $ref: getSchemaPath(CampaignDto) } } })
  async listCampaigns(
    @CurrentActor() actor: Actor,
    @Query() query: ListCampaignsQueryDto,
  ): Promise<CampaignDto[]> {
    return (await this.reads.list(actor, query.model)).map(toCampaignDto);
  }

  @Get(':campaignId')
  @Roles('province-admin', 'unit-officer', 'mentor', 'district-system')
  @ApiOperation({ summary: 'A campaign with its activities and their attendance' })
  @ApiOkResponse({ type: CampaignWithActivitiesDto })
  async getCampaign(
    @CurrentActor() actor: Actor,
    @Param() params: CampaignIdParamsDto,
  ): Promise<CampaignWithActivitiesDto> {
    const { campaign, activities } = await this.reads.get(actor, params.campaignId);
    return {
      ...toCampaignDto(campaign),
      activities: activities.map((a) => ({
        ...a,
        startsAt: new Date(a.startsAt).toISOString(),
        endsAt: new Date(a.endsAt).toISOString(),
      })),
    };
  }

  @Post(':campaignId/activities')
  @Roles('province-admin', 'unit-officer', 'mentor')
  @ApiOperation({
    summary:
      'Record an activity of a campaign (class, visit, festival event, workshop, online session) with who took part',
    description:
      'Within the campaign’s dates and unit; attendance within the activity, never after its end; every learner known. Otherwise nothing is recorded (422 naming each field).',
  })
  @ApiCreatedResponse({ type: ActivitySummaryDto })
  async recordActivity(
    @CurrentActor() actor: Actor,
    @Param() params: CampaignIdParamsDto,
    @Body() body: RecordActivityDto,
  ): Promise<ActivitySummaryDto> {
    const startsAt = new Date(body.startsAt);
    const activity = await this.activities.record(actor, params.campaignId, {
      kind: body.kind,
      title: body.title,
      unitCode: body.unitCode ?? null,
      startsAt,
      endsAt: new Date(body.endsAt),
      participants: body.participants.map((p) => ({
        learnerId: p.learnerId,
        attendedAt: p.attendedAt ? new Date(p.attendedAt) : startsAt,
        completed: p.completed ?? false,
      })),
    });
    return {
      id: activity.id,
      kind: activity.kind,
      title: activity.title,
      unitCode: activity.unitCode,
      startsAt: activity.startsAt.toISOString(),
      endsAt: activity.endsAt.toISOString(),
      participants: body.participants.length,
      completed: body.participants.filter((p) => p.completed).length,
    };
  }
}

function toCampaignDto(c: Campaign): CampaignDto {
  return {
    id: c.id,
    model: c.model,
    unitCode: c.unitCode,
    name: c.name,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    organisation: c.organisation,
    createdAt: new Date(c.createdAt).toISOString(),
  };
}
