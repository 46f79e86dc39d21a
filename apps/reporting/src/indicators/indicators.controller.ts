import { Body, Controller, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import {
  GetIndicatorEvidenceQuery,
  GetIndicatorsQuery,
  IndicatorEvidenceDto,
  IndicatorRowDto,
  SetFiguresDto,
} from './dto/indicators.dto';
import { GetIndicatorsService } from './get-indicators.service';
import { SetFiguresService } from './set-figures.service';

@ApiTags('reporting')
@ApiBearerAuth()
@Controller()
export class IndicatorsController {
  constructor(
    private readonly indicators: GetIndicatorsService,
    private readonly figures: SetFiguresService,
  ) {}

  @Get('indicators')
  @Roles('province-admin', 'unit-officer', 'district-system')
  @ApiOperation({ summary: 'Indicator values against targets for a unit and period' })
  @ApiOkResponse({ type: [IndicatorRowDto] })
  getIndicators(
    @CurrentActor() actor: Actor,
    @Query() query: GetIndicatorsQuery,
  ): Promise<IndicatorRowDto[]> {
    return this.indicators.get(actor, query);
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
