import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { UNIT_MAPS, UNIT_TYPES, UnitMap, UnitType } from '../domain/administrative-unit';

export class ListUnitsQueryDto {
  @ApiPropertyOptional({
    enum: UNIT_MAPS,
    default: '2025',
    example: 'pre-2025',
    description:
      "'2025': today's two-tier map (since 1 July 2025); 'pre-2025': the former districts and communes",
  })
  @IsOptional()
  @IsIn(UNIT_MAPS, { message: `map must be one of: ${UNIT_MAPS.join(', ')}` })
  map: UnitMap = '2025';

  @ApiPropertyOptional({ example: '105', description: 'Only the direct sub-units of this unit (same map)' })
  @IsOptional()
  @Matches(/^\d{2,7}$/, { message: 'parentCode must be an administrative unit code' })
  @MaxLength(7)
  parentCode?: string;
}

export class UnitDto {
  @ApiProperty({
    maxLength: 7,
    example: '03388',
    description: 'GSO code, leading zeros kept; unique only together with `map`',
  })
  code: string;

  // 200 characters as sent, kept in NFC, which can make one character three.
  @ApiProperty({ maxLength: 600, example: 'Phường Đoàn Kết' })
  name: string;

  @ApiProperty({ maxLength: 600, example: 'Đoàn Kết' })
  shortName: string;

  @ApiProperty({ enum: UNIT_TYPES, example: 'ward' })
  type: UnitType;

  @ApiProperty({ maxLength: 5, example: '12', nullable: true, type: String })
  parentCode: string | null;

  @ApiProperty({ enum: UNIT_MAPS, example: '2025' })
  map: UnitMap;

  @ApiPropertyOptional({
    maxLength: 5,
    example: '03388',
    nullable: true,
    type: String,
    description: 'pre-2025 commune-level units only: the 2025 commune or ward it was merged into',
  })
  mergedIntoCode?: string | null;
}

export class RegisterVillageDto {
  @ApiProperty({ example: '0338801', description: 'The commune or ward code followed by two digits' })
  @Matches(/^\d{7}$/, { message: 'code must be seven digits' })
  @MaxLength(7)
  code: string;

  @ApiProperty({ example: 'Bản Nà Nọi' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: 'Nà Nọi' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  shortName?: string;

  @ApiProperty({ example: '03388', description: 'Commune or ward of the 2025 map' })
  @Matches(/^\d{5}$/, { message: 'parentCode must be a five-digit commune or ward code' })
  @MaxLength(5)
  parentCode: string;

  @ApiProperty({ enum: ['village'], example: 'village' })
  @IsIn(['village'], { message: 'type must be village' })
  type: 'village';
}

export class RenameUnitDto {
  @ApiProperty({ example: 'Phường Đoàn Kết' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: 'Đoàn Kết' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  shortName?: string;
}

export class UnitCodeParamsDto {
  @ApiProperty({ example: '03388' })
  @Matches(/^\d{2,7}$/, { message: 'code must be an administrative unit code' })
  @MaxLength(7)
  code: string;
}
