import { Body, Controller, Get, HttpCode, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles, UnitScopeGuard, UnitScoped, assertUnitInScope } from '@bdhvs/auth';
import { UnitHierarchyRepository } from '../units/unit-hierarchy.repository';
import { GetIndicatorsQuery, IndicatorRowDto, SetFiguresDto } from './dto/indicators.dto';
import { GetIndicatorsService } from './get-indicators.service';
import { QualificationRepository } from './qualification.repository';

@ApiTags('reporting')
@ApiBearerAuth()
@Controller()
export class IndicatorsController {
  constructor(
    private readonly indicators: GetIndicatorsService,
    private readonly qualifications: QualificationRepository,
    private readonly units: UnitHierarchyRepository,
  ) {}

  @Get('indicators')
  @Roles('province-admin', 'unit-officer', 'district-system')
  @UnitScoped({ query: 'unit' })
  @UseGuards(UnitScopeGuard)
  @ApiOperation({ summary: 'Indicator values against targets for a unit and period' })
  @ApiOkResponse({ type: [IndicatorRowDto] })
  getIndicators(
    @CurrentActor() actor: Actor,
    @Query() query: GetIndicatorsQuery,
  ): Promise<IndicatorRowDto[]> {
    return this.indicators.get(actor, query);
  }

  @Put('denominators')
  @HttpCode(204)
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({ summary: 'Official denominators per unit, year and indicator' })
  @ApiNoContentResponse()
  async setDenominators(@CurrentActor() actor: Actor, @Body() body: SetFiguresDto): Promise<void> {
    await this.setFigures('denominator', actor, body);
  }

  @Put('targets')
  @HttpCode(204)
  @Roles('province-admin', 'unit-officer')
  @ApiOperation({ summary: 'Targets per unit, year and indicator (the plan’s apply where none is set)' })
  @ApiNoContentResponse()
  async setTargets(@CurrentActor() actor: Actor, @Body() body: SetFiguresDto): Promise<void> {
    await this.setFigures('target', actor, body);
  }

  private async setFigures(kind: 'denominator' | 'target', actor: Actor, body: SetFiguresDto) {
    for (const { unitCode } of body.values) await assertUnitInScope(actor, unitCode, this.units);
    await this.qualifications.setFigures(kind, body.year, body.indicator, body.values, actor.sub);
  }
}
