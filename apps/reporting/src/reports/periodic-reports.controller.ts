import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { answerConditionally, entityTag } from '@bdhvs/service-runtime';
import { ETAG_HEADER, NOT_MODIFIED } from '../indicators/dto/conditional-read.dto';
import { ExportIndicatorsService } from '../indicators/export-indicators.service';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import {
  ExportPeriodicReportQuery,
  GetPeriodicReportQuery,
  PeriodicReportDto,
  ReviewPeriodicReportDto,
  SubmitPeriodicReportDto,
} from './dto/periodic-report.dto';
import { PeriodicReportsService } from './periodic-reports.service';

@ApiTags('reporting')
@ApiBearerAuth()
@Controller('periodic-reports')
export class PeriodicReportsController {
  constructor(
    private readonly reports: PeriodicReportsService,
    private readonly exports: ExportIndicatorsService,
  ) {}

  @Get()
  @Roles('province-admin', 'unit-officer', 'district-system')
  @ApiOperation({
    summary: 'A unit’s periodic report: rows live until approved then frozen, completeness, amendments',
  })
  @ApiOkResponse({ type: PeriodicReportDto, headers: ETAG_HEADER })
  @ApiResponse(NOT_MODIFIED)
  async getPeriodicReport(
    @CurrentActor() actor: Actor,
    @Query() query: GetPeriodicReportQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PeriodicReportDto | undefined> {
    return answerConditionally(
      response,
      await this.reports.read(actor, query.unit, query.period, ifNoneMatch),
    );
  }

  @Get('export')
  @Roles('province-admin', 'unit-officer', 'district-system')
  @ApiOperation({ summary: 'A periodic report’s rows (frozen once approved) as CSV or DHIS2 dataValueSets' })
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({
    description: 'CSV (text/csv; charset=utf-8, with a BOM) or DHIS2 JSON',
    headers: ETAG_HEADER,
  })
  @ApiResponse(NOT_MODIFIED)
  async exportPeriodicReport(
    @CurrentActor() actor: Actor,
    @Query() query: ExportPeriodicReportQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const read = await this.reports.read(actor, query.unit, query.period, ifNoneMatch);
    const format = query.format ?? 'csv';
    return answerConditionally(response, {
      etag: entityTag([read.etag, format]),
      body:
        read.body &&
        this.exports.format(read.body.rows, format, `report-${read.body.unitCode}-${read.body.period}`),
    });
  }

  @Post('submit')
  @HttpCode(200)
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({ summary: 'Submit the unit’s report once the period has ended (an officer of the unit)' })
  @ApiOkResponse({ type: PeriodicReportDto })
  @ApiForbiddenResponse({ description: 'An officer of another unit' })
  @ApiConflictResponse({ description: 'Already submitted or approved' })
  async submitPeriodicReport(
    @CurrentActor() actor: Actor,
    @Body() body: SubmitPeriodicReportDto,
  ): Promise<PeriodicReportDto> {
    await this.reports.submit(actor, body.unitCode, body.period, body.narrative);
    return this.reports.get(actor, body.unitCode, body.period);
  }

  @Post('approve')
  @HttpCode(200)
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({ summary: 'Approve a submitted report and freeze its rows (the level above)' })
  @ApiOkResponse({ type: PeriodicReportDto })
  @ApiForbiddenResponse({ description: 'Not an officer of the level above the unit' })
  @ApiConflictResponse({ description: 'The report was not submitted, or is approved already' })
  async approvePeriodicReport(
    @CurrentActor() actor: Actor,
    @Body() body: ReviewPeriodicReportDto,
  ): Promise<PeriodicReportDto> {
    await this.reports.approve(actor, body.unitCode, body.period, body.comment ?? null);
    return this.reports.get(actor, body.unitCode, body.period);
  }

  @Post('return')
  @HttpCode(200)
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({ summary: 'Return a submitted report to its unit with a comment (the level above)' })
  @ApiOkResponse({ type: PeriodicReportDto })
  @ApiForbiddenResponse({ description: 'Not an officer of the level above the unit' })
  @ApiConflictResponse({ description: 'The report was not submitted, or is approved already' })
  async returnPeriodicReport(
    @CurrentActor() actor: Actor,
    @Body() body: ReviewPeriodicReportDto,
  ): Promise<PeriodicReportDto> {
    await this.reports.returnReport(actor, body.unitCode, body.period, body.comment ?? null);
    return this.reports.get(actor, body.unitCode, body.period);
  }
}
