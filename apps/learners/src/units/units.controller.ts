import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdministrativeUnit } from './domain/administrative-unit';
import { ListUnitsQueryDto, UnitDto } from './dto/list-units.dto';
import { AdministrativeUnitRepository } from './administrative-unit.repository';

@ApiTags('learners')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: AdministrativeUnitRepository) {}

  @Get()
  @ApiOperation({ summary: "Administrative units: today's map by default, the former districts and communes with map=pre-2025" })
  @ApiOkResponse({ type: UnitDto, isArray: true })
  async listUnits(@Query() query: ListUnitsQueryDto): Promise<UnitDto[]> {
    return (await this.units.list(query.map, query.parentCode)).map(toDto);
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
    ...(unit.map === 'pre-2025' && unit.mergedIntoCode !== null ? { mergedIntoCode: unit.mergedIntoCode } : {}),
  };
}
