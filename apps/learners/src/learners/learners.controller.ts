import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import { maskCitizenId } from './domain/citizen-id';
import { isElderly, vietnamDate } from './domain/learner';
import { UnsupportedImportTypeError } from './domain/learner.errors';
import { CorrectLearnerDto, RegisterLearnerDto } from './dto/register-learner.dto';
import {
  GetLearnerQueryDto,
  ImportIdParamsDto,
  ImportResultDto,
  LearnerDto,
  LearnerIdParamsDto,
  LearnerImportDto,
  LearnerPageDto,
  SearchLearnersQueryDto,
} from './dto/learner.dto';
import type { LearnerImport } from './domain/learner-import';
import { BoundedHeader } from './bounded-header.decorator';
import { CorrectLearnerService } from './correct-learner.service';
import { ImportLearnersService } from './import-learners.service';
import { LearnerView } from './learner.repository';
import { LEARNER_PROBLEMS } from './learner.problems';
import { ReadLearnersService } from './read-learners.service';
import { RegisterLearnerService } from './register-learner.service';

// As long as a correction's reason: an erasure keeps it in the same history.
const REASON_MAX_LENGTH = 500;
const REASON_HEADER = {
  name: 'X-Access-Reason',
  required: false,
  description: 'Why personal data is read: kept in the access audit',
  schema: { type: 'string', maxLength: REASON_MAX_LENGTH },
};
const IDEMPOTENCY_KEY_MAX_LENGTH = 200;
const PREFER_MAX_LENGTH = 200;
// The largest CSV body by default (LEARNERS_IMPORT_MAX_BYTES); a character takes at least a byte.
const IMPORT_DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

@ApiTags('learners')
@ApiBearerAuth()
@Controller('learners')
export class LearnersController {
  constructor(
    private readonly registration: RegisterLearnerService,
    private readonly imports: ImportLearnersService,
    private readonly reads: ReadLearnersService,
    private readonly corrections: CorrectLearnerService,
  ) {}

  @Post()
  @Roles('province-admin', 'unit-officer', 'mooc-platform')
  @ApiOperation({
    summary: 'Register a learner; the same citizen ID again is a 409 naming the existing learner',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body from the same caller: the same answer again',
    schema: { type: 'string', maxLength: IDEMPOTENCY_KEY_MAX_LENGTH },
  })
  @ApiCreatedResponse({ type: LearnerDto })
  @ApiConflictResponse({ description: 'problem+json with `learnerId` of the learner already registered' })
  async registerLearner(
    @CurrentActor() actor: Actor,
    @Body() body: RegisterLearnerDto,
    @BoundedHeader('Idempotency-Key', IDEMPOTENCY_KEY_MAX_LENGTH) idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LearnerDto> {
    const result = await this.registration.register(actor, { ...body }, idempotencyKey?.trim() || undefined);
    res.status(201).location(`/api/v1/learners/learners/${result.learner.id}`);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return toLearnerDto(result.learner);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('province-admin', 'unit-officer', 'mooc-platform')
  @ApiOperation({
    summary: 'Register learners from a CSV file (the body itself, text/csv), streamed and stored in batches',
    description:
      'Limits (configurable): 512 MiB per file (413), 1,000,000 data rows per request (413: split the file), ' +
      '8,192 bytes per line (a longer line stops the import with 400 naming it; the rows before it are stored). ' +
      'A row with a control character (other than tab) in a field is rejected with its line and field. ' +
      'A header line that cannot be read is a 400. ' +
      'A body whose Content-Length is over 16 MiB (about 200,000 rows; configurable), or any body sent with ' +
      '`Prefer: respond-async`, is received whole and answered 202 with `Location: ' +
      '/api/v1/learners/learners/imports/{importId}` (and `Preference-Applied: respond-async` when asked); ' +
      'poll that resource until `state` is `done` (the counts and errors of the 200 answer) or `failed` ' +
      '(`failure`: the problem the synchronous import would have answered). Smaller bodies are answered 200.',
  })
  @ApiConsumes('text/csv')
  @ApiHeader({
    name: 'Prefer',
    required: false,
    description: '`respond-async`: answer 202 with a status resource, whatever the size',
    schema: { type: 'string', maxLength: PREFER_MAX_LENGTH },
  })
  @ApiBody({
    schema: {
      type: 'string',
      maxLength: IMPORT_DEFAULT_MAX_BYTES,
      example:
        'citizenId,fullName,dateOfBirth,sex,unitCode,groups\n012080012345,Lò Thị Mai,1980-01-31,female,03388,CITIZEN\n',
    },
  })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiAcceptedResponse({
    type: LearnerImportDto,
    description: 'Accepted; the import runs on',
    headers: {
      Location: {
        description: 'The status resource',
        // '/api/v1/learners/learners/imports/' and a UUID
        schema: { type: 'string', format: 'uri-reference', maxLength: 70 },
      },
    },
  })
  async importLearners(
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @BoundedHeader('Prefer', PREFER_MAX_LENGTH) prefer: string | undefined,
  ): Promise<ImportResultDto | LearnerImportDto> {
    if (!/^text\/csv\b/i.test(req.headers['content-type'] ?? '')) throw new UnsupportedImportTypeError();
    const preferAsync = /(^|[\s,;])respond-async\b/i.test(prefer ?? '');
    const length = Number(req.headers['content-length']);
    const outcome = await this.imports.importOrStart(actor, req, {
      contentLength: Number.isFinite(length) ? length : undefined,
      preferAsync,
    });
    if ('result' in outcome) return outcome.result;
    res.status(202).location(`/api/v1/learners/learners/imports/${outcome.started.id}`);
    if (preferAsync) res.setHeader('Preference-Applied', 'respond-async');
    return toLearnerImportDto(outcome.started);
  }

  @Get('imports/:importId')
  @Roles('province-admin', 'unit-officer', 'mooc-platform')
  @ApiOperation({
    summary: 'The state of an import answered 202: running (counts so far), done (counts and errors), failed',
    description:
      "Readable by its caller, a province-admin, and the unit officers of the caller's unit (or above).",
  })
  @ApiOkResponse({ type: LearnerImportDto })
  async getLearnerImport(
    @CurrentActor() actor: Actor,
    @Param() params: ImportIdParamsDto,
  ): Promise<LearnerImportDto> {
    return toLearnerImportDto(await this.imports.get(actor, params.importId));
  }

  @Post('personal-data/reseal')
  @HttpCode(200)
  @Roles('province-admin')
  @ApiOperation({
    summary: 'Key rotation: seal up to 1,000 learners sealed with an older key again with the current key',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        resealed: { type: 'integer', format: 'int32', minimum: 0, maximum: 1000 },
        remaining: { type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 },
      },
    },
  })
  async resealPersonalData(): Promise<{ resealed: number; remaining: number }> {
    return this.corrections.reseal();
  }

  @Get()
  @Roles('province-admin', 'unit-officer', 'mooc-platform')
  @ApiOperation({
    summary: 'Search learners of a unit (and below), by group, certification and age band; ordered by id',
  })
  @ApiHeader(REASON_HEADER)
  @ApiOkResponse({ type: LearnerPageDto })
  async searchLearners(
    @CurrentActor() actor: Actor,
    @Query() query: SearchLearnersQueryDto,
    @BoundedHeader('X-Access-Reason', REASON_MAX_LENGTH) reason?: string,
  ): Promise<LearnerPageDto> {
    const found = await this.reads.search(actor, query, reason);
    return {
      items: found.items.map((l) => toLearnerDto(l)),
      page: query.page,
      pageSize: query.pageSize,
      total: found.total,
    };
  }

  @Get(':id')
  @Roles('province-admin', 'unit-officer', 'mooc-platform')
  @ApiOperation({
    summary: 'A learner; the citizen ID masked unless a province-admin reveals it with a reason (audited)',
  })
  @ApiHeader(REASON_HEADER)
  @ApiOkResponse({ type: LearnerDto })
  async getLearner(
    @CurrentActor() actor: Actor,
    @Param() params: LearnerIdParamsDto,
    @Query() query: GetLearnerQueryDto,
    @BoundedHeader('X-Access-Reason', REASON_MAX_LENGTH) reason?: string,
  ): Promise<LearnerDto> {
    const learner = await this.reads.get(actor, params.id, { reveal: query.reveal, reason });
    return toLearnerDto(learner, query.reveal === true);
  }

  @Patch(':id')
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({
    summary: 'Correct a learner (any field but the citizen ID), with a reason kept in the history',
  })
  @ApiOkResponse({ type: LearnerDto })
  async correctLearner(
    @CurrentActor() actor: Actor,
    @Param() params: LearnerIdParamsDto,
    @Body() body: CorrectLearnerDto,
  ): Promise<LearnerDto> {
    const { reason, ...correction } = body;
    return toLearnerDto(await this.corrections.correct(actor, params.id, correction, reason));
  }

  @Get(':id/personal-data')
  @Roles('province-admin')
  @ApiOperation({
    summary: "The data subject's export: everything held, in clear, with history and access log (audited)",
  })
  @ApiHeader({ ...REASON_HEADER, required: true })
  @ApiOkResponse({
    description:
      'The learner (as getLearner answers, citizen ID in clear), every change with its reason (`history`) and ' +
      'every access to its personal data (`accessLog`): complete, so the two lists have no bound',
    schema: {
      type: 'object',
      required: ['learner', 'history', 'accessLog'],
      properties: { learner: { $ref: getSchemaPath(LearnerDto) } },
    },
  })
  async exportPersonalData(
    @CurrentActor() actor: Actor,
    @Param() params: LearnerIdParamsDto,
    @BoundedHeader('X-Access-Reason', REASON_MAX_LENGTH) reason?: string,
  ) {
    const exported = await this.reads.exportPersonalData(actor, params.id, reason);
    return {
      learner: toLearnerDto(exported.learner, true),
      history: exported.history.map((h) => ({ ...h, changedAt: h.changedAt.toISOString() })),
      accessLog: exported.accessLog.map((a) => ({ ...a, accessedAt: a.accessedAt.toISOString() })),
    };
  }

  @Delete(':id/personal-data')
  @Roles('province-admin')
  @ApiOperation({
    summary:
      "Erase a learner's personal data; unit, birth year, groups, sex and certification stay, anonymous",
  })
  @ApiHeader({ ...REASON_HEADER, required: true })
  @ApiOkResponse({ type: LearnerDto })
  async erasePersonalData(
    @CurrentActor() actor: Actor,
    @Param() params: LearnerIdParamsDto,
    @BoundedHeader('X-Access-Reason', REASON_MAX_LENGTH) reason?: string,
  ): Promise<LearnerDto> {
    return toLearnerDto(await this.corrections.erasePersonalData(actor, params.id, reason));
  }
}

function toLearnerImportDto(i: LearnerImport): LearnerImportDto {
  const failure = i.failure && {
    type: `/problems/${i.failure.code}`,
    title: LEARNER_PROBLEMS[i.failure.code]?.title ?? 'Internal Server Error',
    status: LEARNER_PROBLEMS[i.failure.code]?.status ?? 500,
    detail: i.failure.detail,
    ...i.failure.extra,
  };
  return {
    id: i.id,
    state: i.state,
    accepted: i.accepted,
    rejected: i.rejected,
    errors: i.errors,
    ...(i.errorsTruncated ? { errorsTruncated: true } : {}),
    startedAt: i.startedAt.toISOString(),
    finishedAt: i.finishedAt?.toISOString() ?? null,
    ...(failure ? { failure } : {}),
  };
}

export function toLearnerDto(l: LearnerView, reveal = false, now = new Date()): LearnerDto {
  return {
    id: l.id,
    citizenId: l.citizenId === null ? null : reveal ? l.citizenId : maskCitizenId(l.citizenId),
    citizenIdRevealed: reveal && l.citizenId !== null,
    fullName: l.fullName,
    dateOfBirth: l.dateOfBirth,
    birthYear: l.birthYear,
    sex: l.sex,
    ethnicity: l.ethnicity,
    disability: l.disability,
    elderly: isElderly(l.dateOfBirth ?? `${l.birthYear}-12-31`, vietnamDate(now)),
    poorHousehold: l.poorHousehold,
    unitCode: l.unitCode,
    villageCode: l.villageCode,
    householdId: l.householdId,
    groups: l.groups,
    studentLevel: l.studentLevel,
    employer: l.employer,
    school: l.school,
    vneidStatus: l.vneidStatus,
    digitalBankAccount: l.digitalBankAccount,
    certified: l.certified,
    registeredBy: l.registeredBy,
    registeredAt: l.registeredAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
    erasedAt: l.erasedAt?.toISOString() ?? null,
    source: l.source,
    completedAt: l.completedAt?.toISOString() ?? null,
  };
}
