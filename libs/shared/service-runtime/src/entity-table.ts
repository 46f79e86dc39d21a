import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata.js';

/**
 * Set-based SQL over a TypeORM entity (ADR 0011): the entity lists a table's columns once, and this turns
 * that list into the select list of a raw query and into one multi-row `INSERT ... SELECT FROM unnest(...)`.
 * Repositories write their own SQL around it; nothing else in a service knows table or column names.
 */
export class EntityTable<T extends ObjectLiteral> {
  private known?: EntityMetadata;

  private constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<T>,
  ) {}

  /** The metadata is read on first use: a repository is built before its DataSource has connected. */
  static of<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>): EntityTable<T> {
    return new EntityTable<T>(dataSource, entity);
  }

  private get metadata(): EntityMetadata {
    this.known ??= this.dataSource.getMetadata(this.entity);
    return this.known;
  }

  get name(): string {
    return this.metadata.tableName;
  }

  /** The database name of a property's column. */
  column(property: keyof T & string): string {
    const column = this.metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${this.name} has no column for ${property}`);
    return column.databaseName;
  }

  /**
   * `alias.column AS "property", ...` for every column: rows come back shaped like the entity (dates as
   * YYYY-MM-DD strings, timestamps as Date).
   */
  select(alias = this.name): string {
    return this.metadata.columns
      .map((c) => {
        const ref = `${alias}.${c.databaseName}`;
        const value = sqlType(c) === 'date' ? `to_char(${ref}, 'YYYY-MM-DD')` : ref;
        return `${value} AS "${c.propertyName}"`;
      })
      .join(', ');
  }

  /**
   * Inserts every row in one statement. `onConflict` is the SQL after `ON CONFLICT` (e.g. `DO NOTHING`);
   * `returning` names a property whose values are returned for the rows actually inserted.
   */
  async insertMany<K extends keyof T & string>(
    tx: EntityManager,
    rows: readonly Partial<T>[],
    options: { onConflict?: string; returning?: K } = {},
  ): Promise<T[K][]> {
    if (rows.length === 0) return [];
    const columns = this.metadata.columns.filter((c) => rows.some((r) => r[c.propertyName] !== undefined));
    const params = columns.map((c) => rows.map((r) => toParameter(c, r[c.propertyName])));
    const selected = columns.map((c, i) => valueOf(c, i));
    const unnestTypes = columns.map((c, i) => `$${i + 1}::${parameterType(c)}[]`);
    const returning = options.returning ? ` RETURNING ${this.column(options.returning)} AS value` : '';
    const result: { value: T[K] }[] = await tx.query(
      `INSERT INTO ${this.name} (${columns.map((c) => c.databaseName).join(', ')})
       SELECT ${selected.join(', ')} FROM unnest(${unnestTypes.join(', ')}) AS t(${columns.map((_, i) => `v${i}`).join(', ')})
       ${options.onConflict ? `ON CONFLICT ${options.onConflict}` : ''}${returning}`,
      params,
    );
    return options.returning ? result.map((r) => r.value) : [];
  }

  /**
   * Updates every row in one statement, matched on `key`: each property the rows hold is set (every row
   * holds the same properties; one left out by a row would be set to null for it).
   */
  async updateMany(tx: EntityManager, rows: readonly Partial<T>[], key: keyof T & string): Promise<void> {
    if (rows.length === 0) return;
    const columns = this.metadata.columns.filter(
      (c) => c.propertyName === key || rows.some((r) => r[c.propertyName] !== undefined),
    );
    const params = columns.map((c) => rows.map((r) => toParameter(c, r[c.propertyName])));
    const keyAt = columns.findIndex((c) => c.propertyName === key);
    const assignments = columns.flatMap((c, i) =>
      i === keyAt ? [] : [`${c.databaseName} = ${valueOf(c, i)}`],
    );
    await tx.query(
      `UPDATE ${this.name} AS target SET ${assignments.join(', ')}
       FROM unnest(${columns.map((c, i) => `$${i + 1}::${parameterType(c)}[]`).join(', ')})
         AS t(${columns.map((_, i) => `v${i}`).join(', ')})
       WHERE target.${columns[keyAt].databaseName} = t.v${keyAt}`,
      params,
    );
  }
}

/** unnest would flatten a 2-D array: array and json values travel as text, one literal per row. */
function parameterType(column: ColumnMetadata): string {
  const type = sqlType(column);
  return column.isArray || type === 'jsonb' || type === 'json' ? 'text' : type;
}

function valueOf(column: ColumnMetadata, at: number): string {
  const type = sqlType(column);
  if (column.isArray || type === 'jsonb' || type === 'json')
    return `t.v${at}::${type}${column.isArray ? '[]' : ''}`;
  return `t.v${at}`;
}

function sqlType(column: ColumnMetadata): string {
  const type = column.type;
  if (typeof type === 'string') {
    if (type === 'char' || type === 'varchar' || type === 'character varying') return 'text';
    return type;
  }
  if (type === String) return 'text';
  if (type === Number) return 'int';
  if (type === Boolean) return 'bool';
  if (type === Date) return 'timestamptz';
  return 'text';
}

function toParameter(column: ColumnMetadata, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const type = sqlType(column);
  if (column.isArray) return `{${(value as unknown[]).map((v) => JSON.stringify(String(v))).join(',')}}`;
  if (type === 'jsonb' || type === 'json') return JSON.stringify(value);
  return value;
}
