import { Injectable } from '@nestjs/common';
import { Actor, assertUnitInScope } from '@bdhvs/auth';
import { UnitHierarchyRepository } from '../units/unit-hierarchy.repository';
import { GetIndicatorsService } from '../indicators/get-indicators.service';
import { Period, currentYearPeriod, parsePeriod } from '../indicators/domain/period';
import { CampaignRankingsRepository } from '../campaigns/campaign-rankings.repository';
import { rankMembers } from '../campaigns/domain/member-ranking';
import { rankUnits } from './domain/ranking';
import { RankedUnitDto, RankingDto } from './dto/ranking.dto';

/** getRankings: the emulation ranking of IV.2.2, of the communes, the mentors or the teams. */
@Injectable()
export class RankingsService {
  constructor(
    private readonly units: UnitHierarchyRepository,
    private readonly indicators: GetIndicatorsService,
    private readonly campaigns: CampaignRankingsRepository,
  ) {}

  async rank(actor: Actor, of: string, periodId: string | undefined, now = new Date()): Promise<RankingDto> {
    const province = this.units.provinceCode;
    await assertUnitInScope(actor, province, this.units);
    const period = parsePeriod(periodId ?? currentYearPeriod(now)) as Period;
    // Mentors by the mentees they guide, then those certified; teams by their visits, then days out.
    if (of === 'mentors')
      return {
        of,
        period: period.id,
        ranking: rankMembers(await this.campaigns.mentors(period), ['mentees', 'certifiedMentees']).map(
          toRankedDto,
        ),
      };
    if (of === 'teams')
      return {
        of,
        period: period.id,
        ranking: rankMembers(await this.campaigns.teams(period), ['visits', 'visitDays']).map(toRankedDto),
      };
    const rows = (await this.indicators.subunitRows(province, period)).filter(
      (r) => r.breakdown?.['subunit'] !== undefined,
    );
    return { of, period: period.id, ranking: rankUnits(rows) };
  }
}

function toRankedDto(m: ReturnType<typeof rankMembers>[number]): RankedUnitDto {
  return {
    rank: m.rank,
    unitCode: m.unitCode,
    score: m.score,
    progress: [],
    id: m.id,
    ...(m.name !== null ? { name: m.name } : {}),
    figures: m.figures,
  };
}
