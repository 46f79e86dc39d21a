import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Outbox } from '@bdhvs/messaging';
import { Database, retryWithBackoff } from '@bdhvs/service-runtime';
import { AdministrativeUnit, unitsToRegister } from './domain/administrative-unit';
import { AdministrativeUnitRepository } from './administrative-unit.repository';
import { readReferenceUnits } from './reference-unit-files';
import { unitRegistered } from './unit.events';

/**
 * Registers Lai Châu's reference units (both maps) once the database is ready: saves the new or
 * changed ones and announces each on `learners.unit-registered.v1` in the same transaction. Loading
 * the same data again changes nothing and announces nothing, so restarts do not re-publish.
 */
@Injectable()
export class RegisterReferenceUnitsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RegisterReferenceUnitsService.name);
  private stopping = false;

  constructor(
    private readonly db: Database,
    private readonly units: AdministrativeUnitRepository,
    private readonly outbox: Outbox,
  ) {}

  onApplicationBootstrap(): void {
    // Read and checked synchronously: a bundle shipped without its data must fail at start, not later.
    const reference = readReferenceUnits();
    void this.registerWhenReady(reference);
  }

  onApplicationShutdown(): void {
    this.stopping = true;
  }

  /** Saves and announces the units that are new or changed; returns them. */
  register(reference: readonly AdministrativeUnit[]): Promise<AdministrativeUnit[]> {
    return this.db.transaction(async (tx) => {
      await this.units.lockReferenceRegistration(tx);
      const changed = unitsToRegister(await this.units.findMany(tx, reference), reference);
      await this.units.upsert(tx, changed);
      await this.outbox.enqueueAll(tx, changed.map(unitRegistered));
      return changed;
    });
  }

  private async registerWhenReady(reference: readonly AdministrativeUnit[]): Promise<void> {
    await this.db.whenReady();
    await retryWithBackoff(
      async () => {
        const changed = await this.register(reference);
        this.logger.log(`reference units: ${reference.length} checked, ${changed.length} registered`);
      },
      {
        retries: Infinity,
        baseMs: 1_000,
        stopped: () => this.stopping,
        onRetry: (error, delay, attempt) =>
          this.logger.warn(
            `registering reference units failed (attempt ${attempt}): ${error.message}; retry in ${delay} ms`,
          ),
      },
    ).catch(() => undefined); // only when stopping meanwhile
  }
}
