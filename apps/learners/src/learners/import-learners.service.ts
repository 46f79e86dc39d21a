import { Inject, Injectable, Logger } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CsvError, parse } from 'csv-parse';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@bdhvs/auth';
import { DomainError } from '@bdhvs/domain';
import { Outbox } from '@bdhvs/messaging';
import { inputProblems } from '@bdhvs/problem';
import { Database, SERVICE_CONFIG } from '@bdhvs/service-runtime';
import { LearnersConfig } from '../config/learners-config';
import { headerProblems, registrationFromRow } from './domain/learner-csv';
import {
  FieldProblem,
  Learner,
  RegistrationContext,
  checkRegistration,
  completeSeenLearner,
  completionHistory,
  newLearner,
  registrationOf,
} from './domain/learner';
import { ImportResult, ImportTally, LearnerImport } from './domain/learner-import';
import {
  BadCsvError,
  BadImportHeaderError,
  ImportNotFoundError,
  ImportTooLargeError,
  ImportTooManyRowsError,
  LineTooLongError,
} from './domain/learner.errors';
import { HouseholdRepository } from './household.repository';
import { LearnerAccess } from './learner-access';
import { learnerRegistered } from './learner.events';
import { LearnerImportRepository } from './learner-import.repository';
import { LearnerRepository } from './learner.repository';
import { PersonalDataKeys } from './personal-data';
import { RegistryContext } from './registry-context';

/** Rows checked between two turns of the event loop: health checks and other calls are answered meanwhile. */
const ROWS_PER_TURN = 200;

interface Candidate {
  line: number;
  learner: Learner;
}

/** How the caller asked: the body's declared size and the `Prefer` header. */
export interface ImportRequest {
  contentLength?: number;
  preferAsync: boolean;
}

/** Answered at once (200), or accepted for later (202) with the status resource to poll. */
export type ImportOutcome = { result: ImportResult } | { started: LearnerImport };

/**
 * importLearners: reads the CSV as it streams in and stores it in batches (one transaction each: a COPY
 * into a staging table, one INSERT ... SELECT into learner, the batch's learner-registered events in one
 * statement), so a file of any size never sits in memory. A row is stored whole or rejected with its
 * reasons; a bad row never holds back the good ones. A large file (or `Prefer: respond-async`) is
 * spooled, encrypted, to a temporary file and answered 202 at once; the same import then runs from it.
 */
@Injectable()
export class ImportLearnersService {
  private readonly logger = new Logger(ImportLearnersService.name);

  constructor(
    private readonly db: Database,
    private readonly learners: LearnerRepository,
    private readonly households: HouseholdRepository,
    private readonly imports: LearnerImportRepository,
    private readonly keys: PersonalDataKeys,
    private readonly context: RegistryContext,
    private readonly access: LearnerAccess,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: LearnersConfig,
  ) {}

  /** Synchronously for a small file; for a large one, or when asked, 202 and a status resource. */
  async importOrStart(actor: Actor, body: Readable, request: ImportRequest): Promise<ImportOutcome> {
    const large = (request.contentLength ?? 0) > this.config.LEARNERS_IMPORT_ASYNC_BYTES;
    if (request.preferAsync || large) return { started: await this.start(actor, body) };
    return { result: await this.import(actor, body) };
  }

  async import(actor: Actor, body: Readable, now = new Date()): Promise<ImportResult> {
    const tally = new ImportTally();
    const importId = randomUUID();
    await this.run(actor, body, importId, tally, now);
    this.logger.log(
      `import ${importId} by ${actor.sub}: ${tally.accepted} accepted, ${tally.rejected} rejected`,
    );
    return tally.result();
  }

  /**
   * Receives the whole body first (encrypted with a key that only this process holds, so no citizen ID
   * lies in clear on disk), records the import as running, and runs it in the background.
   */
  async start(actor: Actor, body: Readable, now = new Date()): Promise<LearnerImport> {
    const id = randomUUID();
    const spool = {
      file: join(tmpdir(), `bdhvs-learners-import-${id}.csv.enc`),
      key: randomBytes(32),
      iv: randomBytes(16),
    };
    const limiter = byteLimit(this.config.LEARNERS_IMPORT_MAX_BYTES);
    body.pipe(limiter);
    body.on('error', (e) => limiter.destroy(e));
    try {
      await pipeline(
        limiter,
        createCipheriv('aes-256-ctr', spool.key, spool.iv),
        createWriteStream(spool.file, { mode: 0o600 }),
      );
    } catch (error) {
      // The rest of the body is read and dropped so the answer still goes out.
      body.unpipe(limiter);
      body.resume();
      await unlink(spool.file).catch(() => undefined);
      throw error;
    }
    const started: LearnerImport = {
      id,
      state: 'running',
      requestedBy: actor.sub,
      unitCode: actor.unit ?? null,
      accepted: 0,
      rejected: 0,
      errors: [],
      failure: null,
      startedAt: now,
      finishedAt: null,
    };
    try {
      await this.db.transaction((tx) => this.imports.insert(tx, started));
    } catch (error) {
      await unlink(spool.file).catch(() => undefined);
      throw error;
    }
    void this.runSpooled(actor, started, spool);
    return started;
  }

  async get(actor: Actor, id: string): Promise<LearnerImport> {
    const found = await this.imports.findById(id);
    if (!found) throw new ImportNotFoundError(id);
    await this.access.assertCanReadImport(actor, found);
    return found;
  }

  private async runSpooled(
    actor: Actor,
    started: LearnerImport,
    spool: { file: string; key: Buffer; iv: Buffer },
  ): Promise<void> {
    const tally = new ImportTally();
    let outcome: Pick<LearnerImport, 'state' | 'failure'>;
    try {
      const source = createReadStream(spool.file).pipe(createDecipheriv('aes-256-ctr', spool.key, spool.iv));
      await this.run(actor, source, started.id, tally, started.startedAt, (tx) =>
        this.imports.progress(tx, started.id, tally),
      );
      outcome = { state: 'done', failure: null };
    } catch (error) {
      if (!(error instanceof DomainError))
        this.logger.error(`import ${started.id} stopped: ${(error as Error).stack ?? String(error)}`);
      outcome = {
        state: 'failed',
        failure:
          error instanceof DomainError
            ? { code: error.code, detail: error.message, extra: error.extra }
            : { code: 'internal', detail: 'The import stopped on an unexpected error.', extra: {} },
      };
    } finally {
      await unlink(spool.file).catch(() => undefined);
    }
    this.logger.log(
      `import ${started.id} by ${actor.sub} ${outcome.state}: ${tally.accepted} accepted, ${tally.rejected} rejected`,
    );
    await this.imports
      .finish(started.id, { ...outcome, ...tally.result(), finishedAt: new Date() })
      .catch((error: Error) =>
        this.logger.error(`import ${started.id}: the outcome was not saved: ${error.message}`),
      );
  }

  /** Parses, checks and stores the whole body; rejected rows go to `tally`, stored ones are counted in it. */
  private async run(
    actor: Actor,
    body: Readable,
    importId: string,
    tally: ImportTally,
    now: Date,
    afterBatch?: (tx: EntityManager) => Promise<void>,
  ): Promise<void> {
    const ctx = await this.context.load(now);
    const reachable = actor.unit ? new Set(await this.context.codesWithin(actor.unit)) : null;
    const reject = (line: number, problems: FieldProblem[]) => tally.reject(line, problems);

    const limiter = byteLimit(this.config.LEARNERS_IMPORT_MAX_BYTES);
    const parser = parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      // Bounds the work per record: without it, a file that never closes a quote is parsed in quadratic time.
      max_record_size: this.config.LEARNERS_IMPORT_MAX_LINE_BYTES,
    });
    // csv-parse's `info` option copies its whole state for every record; only the line is needed, and it is
    // the parser's own count at the moment the record is pushed.
    const push = parser.push.bind(parser);
    parser.push = (record: unknown) => push(record === null ? null : { record, line: parser.info.lines });
    body.pipe(limiter).pipe(parser);
    body.on('error', (e) => parser.destroy(e));
    limiter.on('error', (e) => parser.destroy(e));
    let tooLong: LineTooLongError | null = null;
    parser.on('skip', (error: CsvError & { lines?: number; records?: number }) => {
      // csv-parse reads nothing more after an over-long record: say so rather than lose the rest quietly.
      // The records before it may still wait in the parser's buffer: they are taken first (see below).
      if (error.code === 'CSV_MAX_RECORD_SIZE') {
        tooLong ??= new LineTooLongError(error.lines ?? 0, this.config.LEARNERS_IMPORT_MAX_LINE_BYTES);
        limiter.unpipe(parser);
        if (parser.readableLength === 0) parser.destroy(tooLong);
      } else if (!error.records)
        parser.destroy(new BadCsvError(`The CSV header line cannot be read: ${error.code}.`));
      else reject(error.lines ?? 0, [{ field: '(row)', message: `malformed CSV: ${error.code}` }]);
    });

    let header: string[] | null = null;
    let batch: Candidate[] = [];
    let inFlight: Promise<void> = Promise.resolve();
    let rows = 0;
    const store = (candidates: Candidate[]) => this.store(candidates, importId, tally, afterBatch);
    try {
      const take = async (record: string[], line: number): Promise<void> => {
        if (header === null) {
          header = record.map((h) => h.trim());
          const problems = headerProblems(header);
          if (problems) throw new BadImportHeaderError(problems.missing, problems.unknown, problems.repeated);
          return;
        }
        if (++rows > this.config.LEARNERS_IMPORT_MAX_ROWS)
          throw new ImportTooManyRowsError(this.config.LEARNERS_IMPORT_MAX_ROWS);
        if (rows % ROWS_PER_TURN === 0) await nextTurn();
        if (record.length > header.length) {
          reject(line, [
            { field: '(row)', message: `the row has ${record.length} fields, the header ${header.length}` },
          ]);
          return;
        }
        const candidate = this.candidate(actor, record, header, line, ctx, reachable, now);
        if ('problems' in candidate) reject(line, candidate.problems);
        else batch.push(candidate);
        if (batch.length >= this.config.LEARNERS_IMPORT_BATCH) {
          // One batch is stored while the next one is parsed and checked; never more than one in flight.
          await inFlight;
          inFlight = store(batch);
          inFlight.catch(() => undefined);
          batch = [];
        }
      };
      for await (const { record, line } of parser as AsyncIterable<{ record: string[]; line: number }>) {
        await take(record, line);
        if (tooLong && parser.readableLength === 0) throw tooLong;
      }
      await inFlight;
    } catch (error) {
      await inFlight.catch(() => undefined);
      // Whatever stopped the import, the rest of the body is read and dropped so the answer still goes out.
      body.unpipe(limiter);
      body.resume();
      // The error says the rows before the over-long line are stored: so they are.
      if (error instanceof LineTooLongError) await store(batch);
      if (error instanceof CsvError) throw new BadCsvError(`The CSV cannot be read: ${error.code}.`);
      throw error;
    }
    if (header === null)
      throw new BadImportHeaderError(
        ['citizenId', 'fullName', 'dateOfBirth', 'sex', 'unitCode', 'groups'],
        [],
        [],
      );
    await store(batch);
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
    tally: ImportTally,
    afterBatch?: (tx: EntityManager) => Promise<void>,
  ) {
    if (batch.length === 0) return;
    const firstLine = new Map<string, number>();
    const unique: Candidate[] = [];
    for (const c of batch) {
      const seen = firstLine.get(c.learner.learnerKey);
      if (seen !== undefined)
        tally.reject(c.line, [
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
      const known = await this.households.existing(tx, households);
      const storable = unique.filter((c) => {
        if (!c.learner.householdId || known.has(c.learner.householdId)) return true;
        tally.reject(c.line, [
          { field: 'householdId', message: 'householdId names no registered household' },
        ]);
        return false;
      });
      const inserted = await this.learners.insertImported(
        tx,
        storable.map((c) => c.learner),
        importId,
      );
      const refused = storable.filter((c) => !inserted.has(c.learner.id));
      const existing = await this.learners.findByKeys(
        tx,
        refused.map((c) => c.learner.learnerKey),
      );
      // A citizen VNeID made known first: the row completes that record, as registerLearner does.
      const awaiting = await this.learners.awaitingCompletion(
        tx,
        refused.map((c) => c.learner.learnerKey),
      );
      const completed: Learner[] = [];
      for (const c of refused) {
        const other = existing.get(c.learner.learnerKey);
        const seen = awaiting.get(c.learner.learnerKey);
        if (seen) {
          completed.push(
            completeSeenLearner(seen, registrationOf(c.learner), {
              registeredBy: c.learner.registeredBy,
              now: c.learner.registeredAt,
            }),
          );
          continue;
        }
        tally.reject(c.line, [
          other?.importId === importId
            ? { field: 'citizenId', message: 'citizenId repeats one on an earlier line of this file' }
            : {
                field: 'citizenId',
                message: `a learner with this citizenId is already registered (learnerId ${other?.id ?? 'unknown'})`,
              },
        ]);
      }
      const stored = storable.filter((c) => inserted.has(c.learner.id));
      await this.learners.updateMany(tx, completed);
      await this.learners.recordHistory(tx, ...completed.map(completionHistory));
      await this.outbox.enqueueAll(tx, [
        ...stored.map((c) => learnerRegistered(c.learner)),
        ...completed.map((l) => learnerRegistered(l)),
      ]);
      tally.accepted += stored.length + completed.length;
      await afterBatch?.(tx);
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
