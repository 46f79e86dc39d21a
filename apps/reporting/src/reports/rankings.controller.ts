import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import { GetRankingsQuery, RankingDto } from './dto/ranking.dto';
import { RankingsService } from './rankings.service';

@ApiTags('reporting')
@ApiBearerAuth()
@Controller('rankings')
export class RankingsController {
  constructor(private readonly rankings: RankingsService) {}

  @Get()
  @Roles('province-admin', 'unit-officer', 'district-system')
  @ApiOperation({ summary: 'The emulation ranking (IV.2.2): communes by progress towards their targets' })
  @ApiOkResponse({ type: RankingDto })
  getRankings(@CurrentActor() actor: Actor, @Query() query: GetRankingsQuery): Promise<RankingDto> {
    return this.rankings.rank(actor, query.of, query.period);
  }
}
