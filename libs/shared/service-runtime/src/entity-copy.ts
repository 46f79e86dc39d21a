import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata.js';

/** Rows per chunk written to the COPY stream: few writes, and no batch-sized string in memory. */
const ROWS_PER_CHUNK = 500;

/**
 * `EntityTable.insertMany` for large batches (ADR 0011): the rows go by `COPY ... FROM STDIN` (text format)
 * into a temporary table shaped like the entity's, dropped at commit, then one `INSERT ... SELECT` moves
 * them. Parameter arrays of `unnest` cost a quoted literal per value on both sides; COPY costs a line.
 * The entity lists the columns, as for EntityTable.
 */
export class EntityCopy<T extends ObjectLiteral> {
  private known?: { metadata: EntityMetadata; encoders: ((value: unknown) => string)[] };

  private constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<T>,
  ) {}

  static of<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>): EntityCopy<T> {
    return new EntityCopy<T>(dataSource, entity);
  }

  /** The metadata is read on first use: a repository is built before its DataSource has connected. */
  private get table() {
    if (!this.known) {
      const metadata = this.dataSource.getMetadata(this.entity);
      this.known = { metadata, encoders: metadata.columns.map(encoderOf) };
    }
    return this.known;
  }

  /**
   * Inserts the rows (every column; an absent value is NULL) in the transaction `tx`. `onConflict` is the
   * SQL after `ON CONFLICT`; `returning` names a property whose values come back for the rows inserted.
   */
  async insertMany<K extends keyof T & string>(
    tx: EntityManager,
    rows: readonly Partial<T>[],
    options: { onConflict?: string; returning?: K } = {},
  ): Promise<T[K][]> {
    if (rows.length === 0) return [];
    if (!tx.queryRunner) throw new Error('EntityCopy.insertMany needs the EntityManager of a transaction');
    const { metadata, encoders } = this.table;
    const table = metadata.tableName;
    const staging = `${table}_copy`;
    const columns = metadata.columns.map((c) => c.databaseName).join(', ');
    await tx.query(`CREATE TEMP TABLE ${staging} (LIKE ${table}) ON COMMIT DROP`);
    const client = (await tx.queryRunner.connect()) as PoolClient;
    const properties = metadata.columns.map((c) => c.propertyName);
    await pipeline(
      Readable.from(lines(rows, properties, encoders)),
      client.query(copyFrom(`COPY ${staging} (${columns}) FROM STDIN`)),
    );
    const returning = options.returning
      ? ` RETURNING ${metadata.findColumnWithPropertyName(options.returning)?.databaseName} AS value`
      : '';
    const result: { value: T[K] }[] = await tx.query(
      `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM ${staging}
       ${options.onConflict ? `ON CONFLICT ${options.onConflict}` : ''}${returning}`,
    );
    await tx.query(`DROP TABLE ${staging}`);
    return options.returning ? result.map((r) => r.value) : [];
  }
}

function* lines(
  rows: readonly ObjectLiteral[],
  properties: string[],
  encoders: ((value: unknown) => string)[],
): Generator<string> {
  let chunk = '';
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let line = '';
    for (let c = 0; c < properties.length; c++) {
      if (c > 0) line += '\t';
      line += encoders[c](row[properties[c]]);
    }
    chunk += `${line}\n`;
    if ((i + 1) % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

const NULL = '\\N';
const SPECIAL = /[\\\n\r\t]/;

/** COPY text format: backslash, newline, carriage return and tab escaped. */
function escapeText(value: string): string {
  if (!SPECIAL.test(value)) return value;
  return value.replace(
    /[\\\n\r\t]/g,
    (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c,
  );
}

function encoderOf(column: ColumnMetadata): (value: unknown) => string {
  const type = typeof column.type === 'string' ? column.type : column.type.name;
  if (column.isArray)
    return (value) =>
      value === null || value === undefined
        ? NULL
        : escapeText(
            `{${(value as unknown[]).map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`,
          );
  if (type === 'jsonb' || type === 'json')
    return (value) => (value === null || value === undefined ? NULL : escapeText(JSON.stringify(value)));
  if (type === 'boolean' || type === 'Boolean')
    return (value) => (value === null || value === undefined ? NULL : value ? 't' : 'f');
  if (type === 'timestamptz' || type === 'Date')
    return (value) => (value === null || value === undefined ? NULL : (value as Date).toISOString());
  return (value) => (value === null || value === undefined ? NULL : escapeText(String(value)));
}
