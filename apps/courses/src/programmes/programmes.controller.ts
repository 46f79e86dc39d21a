import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import { CompetencyFramework } from '../competencies/competency-framework';
import { Programme } from './domain/programme';
import {
  GetProgrammeQueryDto,
  ListProgrammesQueryDto,
  MAX_PROGRAMMES,
  ProgrammeCodeParamsDto,
  ProgrammeDto,
  UpdateProgrammeDto,
} from './dto/programme.dto';
import { ReadProgrammesService } from './read-programmes.service';
import { UpdateProgrammeService } from './update-programme.service';

@ApiTags('courses')
@ApiBearerAuth()
@ApiExtraModels(ProgrammeDto)
@Controller('programmes')
export class ProgrammesController {
  constructor(
    private readonly reads: ReadProgrammesService,
    private readonly updates: UpdateProgrammeService,
    private readonly framework: CompetencyFramework,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The current programme of each target group (students: of each school level)' })
  @ApiOkResponse({
    schema: { type: 'array', maxItems: MAX_PROGRAMMES, items: { $ref: getSchemaPath(ProgrammeDto) } },
  })
  async listProgrammes(@Query() query: ListProgrammesQueryDto): Promise<ProgrammeDto[]> {
    return (await this.reads.list(query)).map((p) => this.toDto(p));
  }

  @Get(':code')
  @ApiOperation({ summary: 'A programme: its current version, or a past one with `version`' })
  @ApiOkResponse({ type: ProgrammeDto })
  async getProgramme(
    @Param() params: ProgrammeCodeParamsDto,
    @Query() query: GetProgrammeQueryDto,
  ): Promise<ProgrammeDto> {
    return this.toDto(await this.reads.get(params.code, query.version));
  }

  @Put(':code')
  @Roles('province-admin')
  @ApiOperation({
    summary: 'Edit a programme: a new version from `baseVersion` (409 if another edit came first)',
  })
  @ApiOkResponse({ type: ProgrammeDto })
  @ApiConflictResponse({ description: 'Edited by someone else since the version the body names' })
  async updateProgramme(
    @CurrentActor() actor: Actor,
    @Param() params: ProgrammeCodeParamsDto,
    @Body() body: UpdateProgrammeDto,
  ): Promise<ProgrammeDto> {
    return this.toDto(await this.updates.update(actor, params.code, { ...body }));
  }

  private toDto(p: Programme): ProgrammeDto {
    return {
      code: p.code,
      group: p.group,
      studentLevels: p.studentLevels,
      version: p.version,
      title: p.title,
      description: p.description,
      levels: p.levels,
      competencies: p.competencies.map((code) => ({ code, name: this.framework.nameOf.get(code) ?? code })),
      seed: p.seed,
      source: p.source,
      editedBy: p.editedBy,
      editedAt: p.editedAt.toISOString(),
    };
  }
}
