import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import {
  DismissReviewItemDto,
  ListReviewItemsQueryDto,
  ReviewItemDto,
  ReviewItemPageDto,
  ReviewItemParamsDto,
  toReviewItemDto,
} from './dto/review-item.dto';
import { ReadReviewItemsService } from './read-review-items.service';
import { ReprocessReviewItemService } from './reprocess-review-item.service';

@ApiTags('certification')
@ApiBearerAuth()
@Roles('province-admin')
@Controller('review-items')
export class ReviewItemsController {
  constructor(
    private readonly reads: ReadReviewItemsService,
    private readonly reprocessing: ReprocessReviewItemService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Events waiting for a person, with their reason (refused on the Kafka channel, overdue revocations)',
    description: 'Oldest first; filtered by reason, state and when they were kept. Never a citizen ID.',
  })
  @ApiOkResponse({ type: ReviewItemPageDto })
  @ApiBadRequestResponse({ description: 'application/problem+json naming the query parameter' })
  async listReviewItems(@Query() query: ListReviewItemsQueryDto): Promise<ReviewItemPageDto> {
    const found = await this.reads.list(
      {
        reason: query.reason,
        state: query.state,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      },
      query.page,
      query.pageSize,
    );
    return {
      items: found.items.map(toReviewItemDto),
      page: query.page,
      pageSize: query.pageSize,
      total: found.total,
    };
  }

  @Post(':id/reprocess')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Apply the event again once its cause is fixed (the unit announced, the programme configured)',
    description: 'Through the same decision as both channels: reprocessing twice changes nothing.',
  })
  @ApiOkResponse({
    type: ReviewItemDto,
    description: 'The item, reprocessed (or as it was, if closed before)',
  })
  @ApiNotFoundResponse({ description: 'application/problem+json: no such item' })
  @ApiConflictResponse({
    description:
      'application/problem+json: still refused, with errors naming the fields; the item stays open',
  })
  async reprocessReviewItem(
    @CurrentActor() actor: Actor,
    @Param() params: ReviewItemParamsDto,
  ): Promise<ReviewItemDto> {
    return toReviewItemDto(await this.reprocessing.reprocess(actor, params.id));
  }

  @Post(':id/dismissal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close an item without applying its event, with the reason' })
  @ApiOkResponse({ type: ReviewItemDto, description: 'The item, dismissed' })
  @ApiBadRequestResponse({ description: 'application/problem+json naming reason' })
  @ApiNotFoundResponse({ description: 'application/problem+json: no such item' })
  @ApiConflictResponse({ description: 'application/problem+json: the item was reprocessed' })
  async dismissReviewItem(
    @CurrentActor() actor: Actor,
    @Param() params: ReviewItemParamsDto,
    @Body() body: DismissReviewItemDto,
  ): Promise<ReviewItemDto> {
    return toReviewItemDto(await this.reprocessing.dismiss(actor, params.id, body.reason));
  }
}
