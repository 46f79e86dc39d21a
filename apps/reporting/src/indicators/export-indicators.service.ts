import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { Actor } from '@bdhvs/auth';
import { ConditionalRead, SERVICE_CONFIG, entityTag, matchesIfNoneMatch } from '@bdhvs/service-runtime';
import { ReportingConfig } from '../config/reporting-config';
import { Dhis2DataValue, Dhis2Mapping, ExportRow, csvTable, dhis2DataValues } from './domain/export-format';
import { GetIndicatorsQuery } from './dto/indicators.dto';
import { GetIndicatorsService } from './get-indicators.service';

export type ExportFormat = 'csv' | 'dhis2';

/** exportIndicators, and the same formats for a periodic report's rows. */
@Injectable()
export class ExportIndicatorsService {
  private readonly mapping: Dhis2Mapping;

  constructor(
    private readonly indicators: GetIndicatorsService,
    @Inject(SERVICE_CONFIG) config: ReportingConfig,
  ) {
    this.mapping = config.DHIS2_MAPPING ? (JSON.parse(config.DHIS2_MAPPING) as Dhis2Mapping) : {};
  }

  async export(
    actor: Actor,
    query: GetIndicatorsQuery,
    format: ExportFormat,
    ifNoneMatch?: string,
  ): Promise<ConditionalRead<StreamableFile | { dataValues: Dhis2DataValue[] }>> {
    const read = await this.indicators.get(actor, query, undefined);
    const etag = entityTag([read.etag, format]);
    if (matchesIfNoneMatch(ifNoneMatch, etag)) return { etag, body: null };
    return { etag, body: this.format(read.body ?? [], format, 'indicators') };
  }

  /** Rows as CSV (UTF-8 with a BOM, streamed row by row) or as a DHIS2 dataValueSets document. */
  format(
    rows: readonly ExportRow[],
    format: ExportFormat,
    name: string,
  ): StreamableFile | { dataValues: Dhis2DataValue[] } {
    if (format === 'dhis2') return { dataValues: dhis2DataValues(rows, this.mapping) };
    const { header, cells } = csvTable(rows);
    // Excel reads UTF-8 (Vietnamese) correctly only after a byte order mark.
    const csv = Readable.from([header, ...cells]).pipe(stringify({ bom: true }));
    return new StreamableFile(csv, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${name}.csv"`,
    });
  }
}
