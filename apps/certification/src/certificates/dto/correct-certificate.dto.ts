import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

export class CorrectCertificateDto {
  @ApiPropertyOptional({
    example: '03408',
    description: 'The unit the certificate should have been issued to',
  })
  @IsOptional()
  @MaxLength(5)
  @Matches(/^\d{2,5}$/, { message: 'unitCode must be an administrative unit code' })
  unitCode?: string;

  @ApiPropertyOptional({
    example: 'PUBLIC_SECTOR_DIGITAL',
    description: 'The programme it should have named',
  })
  @IsOptional()
  @MaxLength(64)
  @Matches(/^[A-Z][A-Z0-9_]{0,63}$/, { message: 'programme must be a programme code' })
  programme?: string;

  @ApiProperty({ example: 'VNeID sent the commune of the learner’s former residence' })
  @IsString()
  @Length(3, 500)
  reason: string;
}
