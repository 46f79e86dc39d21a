import 'reflect-metadata';
import { Controller, Get, INestApplication, Post, Body, Query } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ApiProperty, ApiPropertyOptional, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { documentValidationBounds } from './openapi-constraints';

class VillageBody {
  @ApiProperty({ example: 'Bản Nà Nọi' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: '03388' })
  @Matches(/^\d{5}$/)
  @MaxLength(5)
  parentCode: string;

  @ApiProperty({ example: 'CASE', description: 'a case-insensitive rule says nothing a pattern can' })
  @Matches(/^case$/i)
  @MaxLength(4)
  word: string;

  @ApiProperty({ type: [String], example: ['ethnic-minority'] })
  @ArrayMaxSize(10)
  @Length(1, 40, { each: true })
  groups: string[];

  @ApiProperty({ maxLength: 50, description: 'written by hand: kept' })
  @Length(1, 80)
  note: string;

  @ApiProperty()
  @IsUUID()
  householdId: string;

  @ApiProperty()
  @Min(0)
  @Max(120)
  age: number;

  @IsString()
  @Length(1, 10)
  undocumented: string;
}

class PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Length(1, 30)
  cursor?: string;

  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @IsInt()
  @Max(1000)
  limit = 100;
}

@Controller('villages')
class VillagesController {
  @Post()
  register(@Body() body: VillageBody) {
    return body;
  }

  @Get()
  list(@Query() query: PageQuery) {
    return query;
  }
}

describe(documentValidationBounds.name, () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [VillagesController] }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });

  afterAll(() => app.close());

  function document() {
    return SwaggerModule.createDocument(app, new DocumentBuilder().build());
  }

  it('documents the bounds validation checks, on bodies and on query parameters alike', () => {
    documentValidationBounds();
    const doc = document();
    const village = doc.components?.schemas?.['VillageBody'] as { properties: Record<string, unknown> };

    expect(village.properties).toMatchObject({
      name: { type: 'string', minLength: 1, maxLength: 200 },
      parentCode: { type: 'string', pattern: '^\\d{5}$', maxLength: 5 },
      groups: { type: 'array', maxItems: 10, items: { type: 'string', minLength: 1, maxLength: 40 } },
      note: { maxLength: 50, minLength: 1 },
      householdId: { type: 'string', format: 'uuid', maxLength: 36 },
      age: { type: 'number', minimum: 0, maximum: 120 },
    });
    expect(village.properties['word']).not.toHaveProperty('pattern');
    expect(village.properties).not.toHaveProperty('undocumented');
    expect(doc.paths['/villages']?.get?.parameters).toEqual([
      expect.objectContaining({
        name: 'cursor',
        schema: expect.objectContaining({ minLength: 1, maxLength: 30 }),
      }),
      expect.objectContaining({
        name: 'limit',
        schema: { type: 'integer', format: 'int32', maximum: 1000, default: 100 },
      }),
    ]);
  });

  it('changes nothing when run again', () => {
    documentValidationBounds();
    const once = JSON.stringify(document());
    documentValidationBounds();
    expect(JSON.stringify(document())).toBe(once);
  });
});
