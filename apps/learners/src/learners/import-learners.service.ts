import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CsvError, parse } from 'csv-parse';
import type { Actor } from '@bdhvs/auth';
import { Outbox } from '@bdhvs/messaging';
import { inputProblems } from '@bdhvs/problem';
import { Database, SERVICE_CONFIG } from '@bdhvs/service-runtime';
import { LearnersConfig } from '../config/learners-config';
import { headerProblems, registrationFromRow } from './domain/learner-csv';
import { FieldProblem, Learner, RegistrationContext, checkRegistration, newLearner } from './domain/learner';
import {
  BadCsvError,
  BadImportHeaderError,
  ImportTooLargeError,
  ImportTooManyRowsError,
  LineTooLongError,
} from './domain/learner.errors';
import { learnerRegistered } from './learner-events';
import { LearnerRepository } from './learner.repository';
import { PersonalDataKeys } from './personal-data';
import { RegistryContext } from './registry-context';

export interface ImportRowError {
  line: number;
  field: string;
  message: string;
}

export interface ImportResult {
  accepted: number;
  rejected: number;
  errors: ImportRowError[];
  /** More rows were rejected than `errors` lists. */
  errorsTruncated?: boolean;
}

/** Enough to fix a file; a file that is wrong on every line does not fill the memory with reasons. */
const MAX_REPORTED_ERRORS = 10_000;
/** Rows checked between two turns of the event loop: health checks and other calls are answered meanwhile. */
const ROWS_PER_TURN = 200;

interface Candidate {
  line: number;
  learner: Learner;
}

/**
 * importLearners: reads the CSV as it streams in and stores it in batches (one transaction each, with
 * their learner-registered events), so a file of any size never sits in memory. A row is stored whole
 * or rejected with its reasons; a bad row never holds back the good ones.
 */
@Injectable()
export class ImportLearnersService {
  private readonly logger = new Logger(ImportLearnersService.name);

  constructor(
    private readonly db: Database,
    private readonly learners: LearnerRepository,
    private readonly keys: PersonalDataKeys,
    private readonly context: RegistryContext,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: LearnersConfig,
  ) {}

  async import(actor: Actor, body: Readable, now = new Date()): Promise<ImportResult> {
    const ctx = await this.context.load(now);
    const reachable = actor.unit ? new Set(await this.context.codesWithin(actor.unit)) : null;
    const importId = randomUUID();
    const result: ImportResult = { accepted: 0, rejected: 0, errors: [] };
    const reject = (line: number, problems: FieldProblem[]) => {
      result.rejected++;
      for (const p of problems) {
        if (result.errors.length < MAX_REPORTED_ERRORS)
          result.errors.push({ line, field: p.field, message: p.message });
        else result.errorsTruncated = true;
      }
    };

    const limiter = byteLimit(this.config.LEARNERS_IMPORT_MAX_BYTES);
    const parser = parse({
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      // Bounds the work per record: without it, a file that never closes a quote is parsed in quadratic time.
      max_record_size: this.config.LEARNERS_IMPORT_MAX_LINE_BYTES,
    });
    body.pipe(limiter).pipe(parser);
    body.on('error', (e) => parser.destroy(e));
    limiter.on('error', (e) => parser.destroy(e));
    parser.on('skip', (error: CsvError & { lines?: number; records?: number }) => {
      // csv-parse reads nothing more after an over-long record: say so rather than lose the rest quietly.
      if (error.code === 'CSV_MAX_RECORD_SIZE')
        parser.destroy(new LineTooLongError(error.lines ?? 0, this.config.LEARNERS_IMPORT_MAX_LINE_BYTES));
      else if (!error.records)
        parser.destroy(new BadCsvError(`The CSV header line cannot be read: ${error.code}.`));
      else reject(error.lines ?? 0, [{ field: '(row)', message: `malformed CSV: ${error.code}` }]);
    });

    let header: string[] | null = null;

    let batch: Candidate[] = [];
    let inFlight: Promise<void> = Promise.resolve();
    let rows = 0;
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[];
        info: { lines: number };
      }>) {
        if (header === null) {
          header = record.map((h) => h.trim());
          const problems = headerProblems(header);
          if (problems) throw new BadImportHeaderError(problems.missing, problems.unknown, problems.repeated);
          continue;
        }
        const line = info.lines;
        if (++rows > this.config.LEARNERS_IMPORT_MAX_ROWS)
          throw new ImportTooManyRowsError(this.config.LEARNERS_IMPORT_MAX_ROWS);
        if (rows % ROWS_PER_TURN === 0) await nextTurn();
        if (record.length > header.length) {
          reject(line, [
            { field: '(row)', message: `the row has ${record.length} fields, the header ${header.length}` },
          ]);
          continue;
        }
        const candidate = this.candidate(actor, record, header, line, ctx, reachable, now);
        if ('problems' in candidate) reject(line, candidate.problems);
        else batch.push(candidate);
        if (batch.length >= this.config.LEARNERS_IMPORT_BATCH) {
          // One batch is stored while the next one is parsed and checked; never more than one in flight.
          await inFlight;
          inFlight = this.store(batch, importId, result, reject);
          inFlight.catch(() => undefined);
          batch = [];
        }
      }
      await inFlight;
    } catch (error) {
      await inFlight.catch(() => undefined);
      // Whatever stopped the import, the rest of the body is read and dropped so the answer still goes out.
      body.unpipe(limiter);
      body.resume();
      if (error instanceof CsvError) throw new BadCsvError(`The CSV cannot be read: ${error.code}.`);
      throw error;
    }
    if (header === null)
      throw new BadImportHeaderError(
        ['citizenId', 'fullName', 'dateOfBirth', 'sex', 'unitCode', 'groups'],
        [],
        [],
      );
    await this.store(batch, importId, result, reject);
    result.errors.sort((a, b) => a.line - b.line);
    this.logger.log(
      `import ${importId} by ${actor.sub}: ${result.accepted} accepted, ${result.rejected} rejected`,
    );
    return result;
  }

  private candidate(
    actor: Actor,
    record: string[],
    header: string[],
    line: number,
    ctx: RegistrationContext,
    reachable: ReadonlySet<string> | null,
    now: Date,
  ): Candidate | { problems: FieldProblem[] } {
    const row: Record<string, string> = {};
    header.forEach((name, i) => (row[name] = record[i] ?? ''));
    const unsafe = inputProblems(row);
    if (unsafe.length > 0) return { problems: unsafe };
    const shaped = registrationFromRow(row);
    if ('problems' in shaped) return shaped;
    const checked = checkRegistration(shaped.registration, ctx);
    if ('problems' in checked) return checked;
    const reg = checked.registration;
    if (reachable && !reachable.has(reg.villageCode ?? reg.unitCode)) {
      return {
        problems: [{ field: 'unitCode', message: "unitCode is outside the caller's administrative unit" }],
      };
    }
    const learner = newLearner(reg, {
      id: randomUUID(),
      learnerKey: this.keys.learnerKey(reg.citizenId),
      registeredBy: actor.sub,
      now,
    });
    return { line, learner };
  }

  /** One transaction: the batch's new learners and their events; duplicates and unknown households rejected. */
  private async store(
    batch: Candidate[],
    importId: string,
    result: ImportResult,
    reject: (line: number, problems: FieldProblem[]) => void,
  ) {
    if (batch.length === 0) return;
    const firstLine = new Map<string, number>();
    const unique: Candidate[] = [];
    for (const c of batch) {
      const seen = firstLine.get(c.learner.learnerKey);
      if (seen !== undefined)
        reject(c.line, [
          { field: 'citizenId', message: `citizenId repeats the one on line ${seen} of this file` },
        ]);
      else {
        firstLine.set(c.learner.learnerKey, c.line);
        unique.push(c);
      }
    }
    await this.db.transaction(async (tx) => {
      const households = [
        ...new Set(unique.flatMap((c) => (c.learner.householdId ? [c.learner.householdId] : []))),
      ];
      const known = await this.learners.existingHouseholds(tx, households);
      const storable = unique.filter((c) => {
        if (!c.learner.householdId || known.has(c.learner.householdId)) return true;
        reject(c.line, [{ field: 'householdId', message: 'householdId names no registered household' }]);
        return false;
      });
      const inserted = await this.learners.insertMany(
        tx,
        storable.map((c) => c.learner),
        importId,
      );
      const refused = storable.filter((c) => !inserted.has(c.learner.id));
      const existing = await this.learners.findByKeys(
        tx,
        refused.map((c) => c.learner.learnerKey),
      );
      for (const c of refused) {
        const other = existing.get(c.learner.learnerKey);
        reject(c.line, [
          other?.importId === importId
            ? { field: 'citizenId', message: 'citizenId repeats one on an earlier line of this file' }
            : {
                field: 'citizenId',
                message: `a learner with this citizenId is already registered (learnerId ${other?.id ?? 'unknown'})`,
              },
        ]);
      }
      const stored = storable.filter((c) => inserted.has(c.learner.id));
      await this.outbox.enqueueAll(
        tx,
        stored.map((c) => learnerRegistered(c.learner)),
      );
      result.accepted += stored.length;
    });
  }
}

function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new ImportTooLargeError(limit));
      else done(null, chunk);
    },
  });
}
