import { Body, Controller, Get, Headers, HttpCode, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { answerConditionally } from '@bdhvs/service-runtime';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ETAG_HEADER, NOT_MODIFIED } from './dto/conditional-read.dto';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import {
  ExportIndicatorsQuery,
  GetIndicatorEvidenceQuery,
  GetIndicatorsQuery,
  IndicatorChangesDto,
  IndicatorEvidenceDto,
  ListIndicatorChangesQuery,
  IndicatorRowDto,
  MAX_INDICATOR_ROWS,
  SetFiguresDto,
} from './dto/indicators.dto';
import { GetIndicatorsService } from './get-indicators.service';
import { SetFiguresService } from './set-figures.service';
import { ExportIndicatorsService } from './export-indicators.service';

@ApiTags('reporting')
@ApiBearerAuth()
@Controller()
export class IndicatorsController {
  constructor(
    private readonly indicators: GetIndicatorsService,
    private readonly figures: SetFiguresService,
    private readonly exports: ExportIndicatorsService,
  ) {}

  @Get('indicators')
  @Roles('province-admin', 'unit-officer', 'district-system')
  @ApiOperation({ summary: 'Indicator values against targets for a unit and period' })
  @ApiExtraModels(IndicatorRowDto)
  @ApiOkResponse({
    schema: { type: 'array', maxItems: MAX_INDICATOR_ROWS, items: { $ref: getSchemaPath(IndicatorRowDto) } },
    headers: ETAG_HEADER,
  })
  @ApiResponse(NOT_MODIFIED)
  async getIndicators(
    @CurrentActor() actor: Actor,
    @Query() query: GetIndicatorsQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IndicatorRowDto[] | undefined> {
    return answerConditionally(response, await this.indicators.get(actor, query, ifNoneMatch));
  }

  @Get('indicators/export')
  @Roles('province-admin', 'unit-officer', 'district-system')
  @ApiOperation({
    summary: 'The rows of getIndicators (same query) as CSV, or as a DHIS2 dataValueSets document',
  })
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({
    description: 'CSV (text/csv; charset=utf-8, with a BOM) or DHIS2 JSON',
    headers: ETAG_HEADER,
  })
  @ApiResponse(NOT_MODIFIED)
  async exportIndicators(
    @CurrentActor() actor: Actor,
    @Query() query: ExportIndicatorsQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { format, ...rows } = query;
    return answerConditionally(
      response,
      await this.exports.export(actor, rows, format ?? 'csv', ifNoneMatch),
    );
  }

  @Get('indicators/changes')
  @Roles('province-admin', 'unit-officer', 'district-system')
  @ApiOperation({
    summary: 'The change feed: the rows of every unit whose numbers may have changed since a cursor',
  })
  @ApiOkResponse({ type: IndicatorChangesDto })
  listIndicatorChanges(
    @CurrentActor() actor: Actor,
    @Query() query: ListIndicatorChangesQuery,
  ): Promise<IndicatorChangesDto> {
    return this.indicators.changes(actor, query);
  }

  @Get('indicators/evidence')
  @Roles('province-admin', 'unit-officer', 'district-system')
  @ApiOperation({
    summary:
      'The events behind one cell’s numerator: each valid certificate of each learner counted (event ids and times, no personal data)',
  })
  @ApiOkResponse({ type: IndicatorEvidenceDto })
  getIndicatorEvidence(
    @CurrentActor() actor: Actor,
    @Query() query: GetIndicatorEvidenceQuery,
  ): Promise<IndicatorEvidenceDto> {
    return this.indicators.evidence(actor, query);
  }

  @Put('denominators')
  @HttpCode(204)
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({ summary: 'Official denominators per unit, year and indicator' })
  @ApiNoContentResponse()
  async setDenominators(@CurrentActor() actor: Actor, @Body() body: SetFiguresDto): Promise<void> {
    await this.figures.set(actor, 'denominator', body);
  }

  @Put('targets')
  @HttpCode(204)
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({ summary: 'Targets per unit, year and indicator (the plan’s apply where none is set)' })
  @ApiNoContentResponse()
  async setTargets(@CurrentActor() actor: Actor, @Body() body: SetFiguresDto): Promise<void> {
    await this.figures.set(actor, 'target', body);
  }
}
