import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import {
  AddHouseholdMemberDto,
  HouseholdDto,
  LearnerIdParamsDto,
  RegisterHouseholdDto,
} from './dto/learner.dto';
import { HouseholdView, HouseholdsService } from './households.service';

@ApiTags('learners')
@ApiBearerAuth()
@Controller('households')
export class HouseholdsController {
  constructor(private readonly households: HouseholdsService) {}

  @Post()
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({ summary: 'Register a "Gia đình số" household in a commune or ward (and village)' })
  @ApiCreatedResponse({ type: HouseholdDto })
  async registerHousehold(
    @CurrentActor() actor: Actor,
    @Body() body: RegisterHouseholdDto,
  ): Promise<HouseholdDto> {
    return toHouseholdDto(await this.households.register(actor, { ...body }));
  }

  @Post(':id/members')
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({ summary: 'Add a learner to a household (optionally as its head)' })
  @ApiCreatedResponse({ type: HouseholdDto })
  async addHouseholdMember(
    @CurrentActor() actor: Actor,
    @Param() params: LearnerIdParamsDto,
    @Body() body: AddHouseholdMemberDto,
  ): Promise<HouseholdDto> {
    return toHouseholdDto(
      await this.households.addMember(actor, params.id, body.learnerId, body.head ?? false),
    );
  }

  @Get(':id')
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({ summary: 'A household, its members and its status: digital once a member is certified' })
  @ApiOkResponse({ type: HouseholdDto })
  async getHousehold(
    @CurrentActor() actor: Actor,
    @Param() params: LearnerIdParamsDto,
  ): Promise<HouseholdDto> {
    return toHouseholdDto(await this.households.get(actor, params.id));
  }
}

function toHouseholdDto(h: HouseholdView): HouseholdDto {
  return {
    id: h.id,
    unitCode: h.unitCode,
    villageCode: h.villageCode,
    headLearnerId: h.headLearnerId,
    status: h.status,
    members: h.members.map((m) => ({ learnerId: m.id, fullName: m.fullName, certified: m.certified })),
  };
}
