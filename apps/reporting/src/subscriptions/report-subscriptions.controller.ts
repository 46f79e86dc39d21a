import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bdhvs/auth';
import {
  CreatedReportSubscriptionDto,
  ListDeliveriesQuery,
  ReportDeliveryDto,
  ReportSubscriptionDto,
  SubscribeReportEventsDto,
  SubscriptionIdParamsDto,
} from './dto/subscription.dto';
import { ReportSubscriptionsService } from './report-subscriptions.service';

@ApiTags('reporting')
@ApiBearerAuth()
@Controller('report-subscriptions')
export class ReportSubscriptionsController {
  constructor(private readonly subscriptions: ReportSubscriptionsService) {}

  @Post()
  @Roles('province-admin', 'unit-officer', 'district-system')
  @ApiOperation({
    summary:
      'Subscribe a URL to the approval of reports of a unit and the units below it: signed POSTs, retried with backoff',
  })
  @ApiCreatedResponse({ type: CreatedReportSubscriptionDto })
  subscribeReportEvents(
    @CurrentActor() actor: Actor,
    @Body() body: SubscribeReportEventsDto,
  ): Promise<CreatedReportSubscriptionDto> {
    return this.subscriptions.subscribe(actor, body.unitCode, body.url);
  }

  @Get()
  @Roles('province-admin', 'unit-officer', 'district-system')
  @ApiOperation({ summary: 'The caller’s report subscriptions (a province admin sees all)' })
  // A district system subscribes once per unit it follows: a province has a few dozen at most.
  @ApiExtraModels(ReportSubscriptionDto)
  @ApiOkResponse({
    schema: { type: 'array', maxItems: 1000, items: { $ref: getSchemaPath(ReportSubscriptionDto) } },
  })
  listReportSubscriptions(@CurrentActor() actor: Actor): Promise<ReportSubscriptionDto[]> {
    return this.subscriptions.list(actor);
  }

  @Get(':id/deliveries')
  @Roles('province-admin', 'unit-officer', 'district-system')
  @ApiOperation({ summary: 'A subscription’s deliveries, newest first, with every attempt’s outcome' })
  @ApiExtraModels(ReportDeliveryDto)
  @ApiOkResponse({
    schema: { type: 'array', maxItems: 500, items: { $ref: getSchemaPath(ReportDeliveryDto) } },
  })
  listReportDeliveries(
    @CurrentActor() actor: Actor,
    @Param() params: SubscriptionIdParamsDto,
    @Query() query: ListDeliveriesQuery,
  ): Promise<ReportDeliveryDto[]> {
    return this.subscriptions.deliveries(actor, params.id, query.limit);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('province-admin', 'unit-officer', 'district-system')
  @ApiOperation({ summary: 'Stop a subscription; pending deliveries are still tried' })
  @ApiNoContentResponse()
  async unsubscribeReportEvents(@CurrentActor() actor: Actor, @Param() params: SubscriptionIdParamsDto) {
    await this.subscriptions.unsubscribe(actor, params.id);
  }
}
