import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import { DeskHelper, MenteeAssignment, Mentor } from './domain/ambassador';
import {
  AssignMenteeDto,
  DeskHelperDto,
  MenteeDto,
  MentorDto,
  MentorIdParamsDto,
  MenteeParamsDto,
  MentorWithMenteesDto,
  ReassignMenteeDto,
  ReassignedMenteeDto,
  RegisterDeskHelperDto,
  RegisterMentorDto,
} from './dto/ambassador.dto';
import { AssignMenteeService } from './assign-mentee.service';
import { ReadMentorsService } from './read-mentors.service';
import { ReassignMenteeService } from './reassign-mentee.service';
import { RegisterDeskHelperService } from './register-desk-helper.service';
import { RegisterMentorService } from './register-mentor.service';

/** The digital ambassadors network, "Đại sứ số" (IV.6.1). A repeated request answers 200 with the same record. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller()
export class AmbassadorsController {
  constructor(
    private readonly mentors: RegisterMentorService,
    private readonly mentees: AssignMenteeService,
    private readonly helpers: RegisterDeskHelperService,
    private readonly reads: ReadMentorsService,
    private readonly reassignments: ReassignMenteeService,
  ) {}

  @Post('mentors')
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({ summary: 'Register a learner as a mentor (Đại sứ số) of their commune' })
  @ApiCreatedResponse({ type: MentorDto })
  @ApiUnprocessableEntityResponse({ description: 'A learner the campaigns service does not know (yet)' })
  async registerMentor(
    @CurrentActor() actor: Actor,
    @Body() body: RegisterMentorDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MentorDto> {
    const { mentor, created } = await this.mentors.register(actor, {
      learnerId: body.learnerId,
      unitCode: body.unitCode,
      campaignId: body.campaignId ?? null,
      account: body.account ?? null,
    });
    res.status(created ? 201 : 200).location(`/api/v1/campaigns/mentors/${mentor.id}`);
    return toMentorDto(mentor);
  }

  @Get('mentors/:mentorId')
  @Roles('province-admin', 'unit-officer', 'mentor')
  @ApiOperation({
    summary: 'A mentor with their mentees, those who changed mentor, and whether they guide at least 5',
  })
  @ApiOkResponse({ type: MentorWithMenteesDto })
  async getMentor(
    @CurrentActor() actor: Actor,
    @Param() params: MentorIdParamsDto,
  ): Promise<MentorWithMenteesDto> {
    const { mentor, mentees, formerMentees, meetsRule } = await this.reads.get(actor, params.mentorId);
    return {
      ...toMentorDto(mentor),
      mentees: mentees.map(toMenteeDto),
      formerMentees: formerMentees.map((a) => ({
        ...toMenteeDto(a),
        endedAt: new Date(a.endedAt as Date).toISOString(),
      })),
      meetsMenteeRule: meetsRule,
    };
  }

  @Post('mentees')
  @Roles('province-admin', 'unit-officer', 'mentor')
  @ApiOperation({
    summary: 'Assign a learner of the mentor’s unit to a mentor; one mentor at a time, never oneself',
    description: 'A mentor’s own account may assign to themselves only. The same pair again answers 200.',
  })
  @ApiCreatedResponse({ type: MenteeDto })
  @ApiUnprocessableEntityResponse({ description: 'A learner the campaigns service does not know (yet)' })
  async assignMentee(
    @CurrentActor() actor: Actor,
    @Body() body: AssignMenteeDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MenteeDto> {
    const { assignment, created } = await this.mentees.assign(actor, body);
    res.status(created ? 201 : 200);
    return toMenteeDto(assignment);
  }

  @Post('mentees/:learnerId/reassignment')
  @HttpCode(200)
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({
    summary: 'Move a mentee to another mentor: the current assignment ends, kept as history',
    description:
      'One mentor at a time: the new assignment starts when the previous one ends. A mentee without a mentor answers 409 (assign one first); the mentor already guiding them answers 200 unchanged.',
  })
  @ApiOkResponse({ type: ReassignedMenteeDto })
  @ApiUnprocessableEntityResponse({ description: 'A learner the campaigns service does not know (yet)' })
  async reassignMentee(
    @CurrentActor() actor: Actor,
    @Param() params: MenteeParamsDto,
    @Body() body: ReassignMenteeDto,
  ): Promise<ReassignedMenteeDto> {
    const { assignment, previousMentorId } = await this.reassignments.reassign(actor, {
      learnerId: params.learnerId,
      mentorId: body.mentorId,
    });
    return { ...toMenteeDto(assignment), previousMentorId };
  }

  @Post('desk-helpers')
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({ summary: 'Register a helper at a commune’s public-service desk (m_desk)' })
  @ApiCreatedResponse({ type: DeskHelperDto })
  @ApiUnprocessableEntityResponse({ description: 'A learner the campaigns service does not know (yet)' })
  async registerDeskHelper(
    @CurrentActor() actor: Actor,
    @Body() body: RegisterDeskHelperDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DeskHelperDto> {
    const { helper, created } = await this.helpers.register(actor, body);
    res.status(created ? 201 : 200);
    return toHelperDto(helper);
  }
}

function toMentorDto(m: Mentor): MentorDto {
  return {
    id: m.id,
    learnerId: m.learnerId,
    unitCode: m.unitCode,
    campaignId: m.campaignId,
    account: m.account,
    registeredAt: new Date(m.registeredAt).toISOString(),
  };
}

function toMenteeDto(a: MenteeAssignment): MenteeDto {
  return { mentorId: a.mentorId, learnerId: a.learnerId, assignedAt: new Date(a.assignedAt).toISOString() };
}

function toHelperDto(h: DeskHelper): DeskHelperDto {
  return {
    id: h.id,
    learnerId: h.learnerId,
    unitCode: h.unitCode,
    registeredAt: new Date(h.registeredAt).toISOString(),
  };
}
