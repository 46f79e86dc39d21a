import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { RequestValidationError, RequestValidationPipe } from './validation';

class Figure {
  @ApiProperty()
  @IsString()
  unitCode: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  note?: string | null;
}

class Body {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  school?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  employer?: string | null;

  @ApiPropertyOptional({ type: Figure, isArray: true })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => Figure)
  values?: Figure[];
}

const body: ArgumentMetadata = { type: 'body', metatype: Body };

async function fieldsRejected(value: unknown, metadata = body): Promise<string[]> {
  try {
    await new RequestValidationPipe().transform(value, metadata);
    return [];
  } catch (error) {
    if (error instanceof RequestValidationError) return error.errors.map((e) => e.field);
    throw error;
  }
}

describe(RequestValidationPipe.name, () => {
  it('refuses null where the document does not allow it, and takes it where it does', async () => {
    expect(await fieldsRejected({ school: null })).toEqual(['school']);
    expect(await fieldsRejected({ employer: null })).toEqual([]);
    expect(await fieldsRejected({ values: [{ unitCode: '03388', note: null }] })).toEqual([]);
    expect(await fieldsRejected({ values: [{ unitCode: null }] })).toEqual(['values.0.unitCode']);
  });

  it('refuses control characters in a body, a path parameter and a query value, naming each', async () => {
    expect(await fieldsRejected({ school: 'a\u0000' })).toEqual(['school']);
    expect(
      await fieldsRejected('\u0000', { type: 'param', data: 'certificateNo', metatype: String }),
    ).toEqual(['certificateNo']);
    expect(await fieldsRejected({ unit: '\u0001' }, { type: 'query', metatype: Object })).toEqual(['unit']);
  });

  it('refuses a body nested too deep before class-transformer walks it', async () => {
    const deep = JSON.parse('{"values":' + '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_001));
    const [field] = await fieldsRejected(deep);
    expect(field).toMatch(/^values(\.a)+$/);
  });

  it('still validates and rejects unknown fields as before', async () => {
    expect(await fieldsRejected({ school: 5 })).toEqual(['school']);
    expect(await fieldsRejected({ other: 'x' })).toEqual(['other']);
    expect(await new RequestValidationPipe().transform({ school: 'Trường THPT' }, body)).toBeInstanceOf(Body);
  });
});
