import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
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
import { AdministrativeUnit } from './domain/administrative-unit';
import {
  ListUnitsQueryDto,
  RegisterVillageDto,
  RenameUnitDto,
  UnitCodeParamsDto,
  UnitDto,
} from './dto/list-units.dto';
import { RegisterUnitService } from './register-unit.service';
import { ListUnitsService } from './list-units.service';

@ApiTags('learners')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly units: ListUnitsService,
    private readonly registration: RegisterUnitService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "Administrative units: today's map by default, the former districts and communes with map=pre-2025",
  })
  // The 39 units of today's map and at most 100 villages under each of its 38 communes and wards (a
  // village code is its commune's code and two digits); the former map has 115 units.
  @ApiExtraModels(UnitDto)
  @ApiOkResponse({ schema: { type: 'array', maxItems: 3839, items: { $ref: getSchemaPath(UnitDto) } } })
  async listUnits(@Query() query: ListUnitsQueryDto): Promise<UnitDto[]> {
    return (await this.units.list(query.map, query.parentCode)).map(toDto);
  }

  @Post()
  @Roles('province-admin')
  @ApiOperation({
    summary: 'Add a village (thôn, bản, tổ dân phố) under a commune or ward; the same code again renames it',
  })
  @ApiCreatedResponse({ type: UnitDto, description: 'Added' })
  @ApiOkResponse({ type: UnitDto, description: 'The village existed and was renamed' })
  async registerUnit(
    @CurrentActor() actor: Actor,
    @Body() body: RegisterVillageDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UnitDto> {
    const result = await this.registration.registerVillage(actor, body);
    res.status(result.created ? 201 : 200);
    return toDto(result.unit);
  }

  @Patch(':code')
  @Roles('province-admin')
  @ApiOperation({ summary: 'Rename a unit of the 2025 map (announced as an upsert)' })
  @ApiOkResponse({ type: UnitDto })
  async renameUnit(
    @CurrentActor() actor: Actor,
    @Param() params: UnitCodeParamsDto,
    @Body() body: RenameUnitDto,
  ): Promise<UnitDto> {
    return toDto(await this.registration.rename(actor, params.code, body.name, body.shortName));
  }
}

function toDto(unit: AdministrativeUnit): UnitDto {
  return {
    code: unit.code,
    name: unit.name,
    shortName: unit.shortName,
    type: unit.type,
    parentCode: unit.parentCode,
    map: unit.map,
    ...(unit.map === 'pre-2025' && unit.mergedIntoCode !== null
      ? { mergedIntoCode: unit.mergedIntoCode }
      : {}),
  };
}
