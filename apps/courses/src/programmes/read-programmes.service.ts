import { Injectable } from '@nestjs/common';
import { Programme } from './domain/programme';
import { ProgrammeNotFoundError } from './domain/programme.errors';
import { ProgrammeRepository } from './programme.repository';

/** listProgrammes and getProgramme: open to every caller with a token. */
@Injectable()
export class ReadProgrammesService {
  constructor(private readonly programmes: ProgrammeRepository) {}

  async list(filter: { group?: string }): Promise<Programme[]> {
    const all = await this.programmes.current();
    return filter.group ? all.filter((p) => p.group === filter.group) : all;
  }

  async get(code: string, version?: number): Promise<Programme> {
    const programme = await this.programmes.find(code, version);
    if (!programme) throw new ProgrammeNotFoundError(code, version);
    return programme;
  }
}
