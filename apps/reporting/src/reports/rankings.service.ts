import { Injectable } from '@nestjs/common';
import { Actor, assertUnitInScope } from '@bdhvs/auth';
import { UnitHierarchyRepository } from '../units/unit-hierarchy.repository';
import { GetIndicatorsService } from '../indicators/get-indicators.service';
import { InvalidIndicatorQueryError } from '../indicators/domain/indicator.errors';
import { Period, currentYearPeriod, parsePeriod } from '../indicators/domain/period';
import { rankUnits } from './domain/ranking';
import { RankingDto } from './dto/ranking.dto';

/** getRankings: the emulation ranking of IV.2.2. */
@Injectable()
export class RankingsService {
  constructor(
    private readonly units: UnitHierarchyRepository,
    private readonly indicators: GetIndicatorsService,
  ) {}

  async rank(actor: Actor, of: string, periodId: string | undefined, now = new Date()): Promise<RankingDto> {
    if (of !== 'units')
      throw new InvalidIndicatorQueryError(
        'of',
        `Rankings of ${of} wait for the campaigns service's mentors and teams; of=units ranks the communes.`,
      );
    const province = this.units.provinceCode;
    await assertUnitInScope(actor, province, this.units);
    const period = parsePeriod(periodId ?? currentYearPeriod(now)) as Period;
    const rows = (await this.indicators.subunitRows(province, period)).filter(
      (r) => r.breakdown?.['subunit'] !== undefined,
    );
    return { of, period: period.id, ranking: rankUnits(rows) };
  }
}
