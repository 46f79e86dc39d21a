import type { EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { Topics } from '@bdhvs/events';
import { Controller, INestApplication, Type } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { CloudEvent } from './cloud-event';
import { InboxContext, InboxTransport, RejectedEventError } from './inbox-transport';
import { connectInbox } from './messaging.module';
import { TopicNames } from './kafka-connection';

/** An in-memory inbox table and transaction: a failed transaction leaves no inbox row behind. */
function fakeDatabase() {
  const inbox = new Set<string>();
  const dataSource = {
    async transaction<T>(work: (tx: unknown) => Promise<T>): Promise<T> {
      const added: string[] = [];
      const tx = {
        async query(_sql: string, [, ids]: [string, string[]]) {
          const fresh = ids.filter((id) => !inbox.has(id) && !added.includes(id));
          added.push(...new Set(fresh));
          return [...new Set(fresh)].map((event_id) => ({ event_id }));
        },
      };
      const result = await work(tx);
      added.forEach((id) => inbox.add(id));
      return result;
    },
  };
  return { dataSource: dataSource as unknown as DataSource, inbox };
}

const unitEvent = (code: string, id = `ce-${code}`): KafkaMessage =>
  ({
    offset: '0',
    key: Buffer.from(code),
    value: Buffer.from(
      JSON.stringify({
        map: '2025',
        code,
        name: `Xã ${code}`,
        shortName: code,
        type: 'commune',
        parentCode: '12',
      }),
    ),
    headers: {
      ce_id: id,
      ce_type: Topics.unitRegistered,
      ce_source: 'test',
      ce_time: '2025-01-01T00:00:00Z',
    },
    timestamp: '0',
  }) as unknown as KafkaMessage;

function fakes() {
  const { dataSource, inbox } = fakeDatabase();
  const sent: { topic: string; reason: string }[] = [];
  const producer = {
    async send({ topic, messages }: { topic: string; messages: { headers: Record<string, string> }[] }) {
      sent.push({ topic, reason: messages[0].headers['dlq_reason'] });
    },
  } as unknown as Producer;
  let eachBatch!: (payload: EachBatchPayload) => Promise<void>;
  const kafka = {
    consumer: () => ({
      connect: async () => undefined,
      subscribe: async () => undefined,
      run: async (o: { eachBatch: typeof eachBatch }) => void (eachBatch = o.eachBatch),
      disconnect: async () => undefined,
    }),
  } as unknown as Kafka;
  const transport = new InboxTransport(kafka, dataSource, producer, {
    groupId: 'test',
    topicNames: new TopicNames(''),
    retries: 1,
    retryBaseMs: 1,
  });
  const deliver = async (messages: KafkaMessage[]) => {
    const resolved: string[] = [];
    await eachBatch({
      batch: {
        topic: Topics.unitRegistered,
        partition: 0,
        messages: messages.map((m, i) => ({ ...m, offset: String(i) })),
        highWatermark: String(messages.length),
        lastOffset: () => String(messages.length - 1),
      },
      resolveOffset: (o: string) => resolved.push(o),
      heartbeat: async () => undefined,
      isRunning: () => true,
      isStale: () => false,
      commitOffsetsIfNecessary: async () => undefined,
    } as unknown as EachBatchPayload);
    return resolved;
  };
  return { transport, deliver, sent, inbox };
}

async function harness(handler: (events: { data: { code: string } }[], ctx: InboxContext) => Promise<void>) {
  const parts = fakes();
  parts.transport.addHandler(Topics.unitRegistered, handler as never, true);
  parts.transport.listen(() => undefined);
  await parts.transport.startConsuming();
  return parts;
}

describe(InboxTransport.name, () => {
  it('hands a chunk to its handler in one call, each event once, and moves the offset past it', async () => {
    const calls: string[][] = [];
    const { deliver, inbox } = await harness(
      async (events) => void calls.push(events.map((e) => e.data.code)),
    );
    const resolved = await deliver([unitEvent('01'), unitEvent('02'), unitEvent('01')]);
    expect(calls).toEqual([['01', '02']]);
    expect([...inbox]).toEqual(['ce-01', 'ce-02']);
    expect(resolved).toEqual(['2']);
    // Redelivered: nothing is applied again.
    await deliver([unitEvent('02')]);
    expect(calls).toHaveLength(1);
  });

  it('applies a large batch in transactions of at most 1,000 events, the offset moved past each', async () => {
    const sizes: number[] = [];
    const { deliver, inbox } = await harness(async (events) => void sizes.push(events.length));
    const codes = Array.from({ length: 2_500 }, (_, i) => String(i).padStart(5, '0'));
    const resolved = await deliver(codes.map((code) => unitEvent(code)));

    expect(sizes).toEqual([1_000, 1_000, 500]);
    expect(resolved).toEqual(['999', '1999', '2499']);
    expect(inbox.size).toBe(2_500);
  });

  it('falls back to one event at a time when the chunk fails, and dead-letters only the bad one', async () => {
    const applied: string[] = [];
    const { deliver, sent, inbox } = await harness(async (events) => {
      if (events.some((e) => e.data.code === '99')) throw new RejectedEventError('unit 99 cannot be applied');
      applied.push(...events.map((e) => e.data.code));
    });
    await deliver([unitEvent('01'), unitEvent('99'), unitEvent('03')]);
    expect(applied).toEqual(['01', '03']);
    expect(sent).toEqual([{ topic: `${Topics.unitRegistered}.dlq`, reason: 'unit 99 cannot be applied' }]);
    expect(inbox.has('ce-99')).toBe(false);
  });

  it('retries a failing event, then dead-letters it with the reason', async () => {
    let attempts = 0;
    const { deliver, sent } = await harness(async () => {
      attempts++;
      throw new Error('constraint violated');
    });
    await deliver([unitEvent('01')]);
    expect(attempts).toBe(3); // the chunk, then the event alone with one retry
    expect(sent[0].reason).toBe('failed after retries: constraint violated');
  });

  it('dead-letters a message that is not JSON or breaks its schema, without calling the handler', async () => {
    const calls: unknown[] = [];
    const { deliver, sent } = await harness(async (events) => void calls.push(events));
    const notJson = { ...unitEvent('01'), value: Buffer.from('not json') } as KafkaMessage;
    const nul = {
      ...unitEvent('02'),
      value: Buffer.from(
        JSON.stringify({ map: '2025', code: '02', name: 'a\u0000', type: 'commune', parentCode: null }),
      ),
    } as KafkaMessage;
    await deliver([notJson, nul]);
    expect(calls).toEqual([]);
    expect(sent.map((s) => s.reason)).toEqual([
      'invalid event: value is not JSON',
      `invalid event: ${Topics.unitRegistered}: name must not contain control characters`,
    ]);
  });

  it("hands a dead letter to the topic's keeper before the DLQ, and fails the batch when the keeper fails", async () => {
    const kept: { topic: string; offset: string; reason: string }[] = [];
    let keeperDown = true;
    const { transport, deliver, sent } = await harness(async () => undefined);
    transport.keepDeadLetters(Topics.unitRegistered, async (_tx, { topic, message, reason }) => {
      if (keeperDown) throw new Error('database away');
      kept.push({ topic, offset: message.offset, reason });
    });
    const notJson = { ...unitEvent('01'), value: Buffer.from('not json') } as KafkaMessage;
    await expect(deliver([notJson])).rejects.toThrow('database away');
    expect(sent).toEqual([]);
    keeperDown = false;
    const resolved = await deliver([notJson]);
    expect(kept).toEqual([
      { topic: Topics.unitRegistered, offset: '0', reason: 'invalid event: value is not JSON' },
    ]);
    expect(sent).toHaveLength(1);
    expect(resolved).toEqual(['0']);
    expect(() => transport.keepDeadLetters(Topics.unitRegistered, async () => undefined)).toThrow(
      /two dead-letter keepers/,
    );
  });

  it('refuses a second handler for the same topic', async () => {
    const { transport } = await harness(async () => undefined);
    expect(() => transport.addHandler(Topics.unitRegistered, (async () => undefined) as never, true)).toThrow(
      /two @EventPattern handlers/,
    );
  });
});

describe('connectInbox', () => {
  @Controller()
  class UnitsConsumer {
    applied: string[] = [];

    @EventPattern(Topics.unitRegistered)
    async record(@Payload() events: CloudEvent<{ code: string }>[], @Ctx() ctx: InboxContext) {
      if (!(ctx instanceof InboxContext)) throw new Error('no InboxContext');
      if (events.some((e) => e.data.code === '99')) throw new RejectedEventError('unit 99 cannot be applied');
      this.applied.push(...events.map((e) => e.data.code));
    }
  }

  @Controller()
  class SecondUnitsConsumer {
    @EventPattern(Topics.unitRegistered)
    async record() {
      return undefined;
    }
  }

  async function appWith(controllers: Type[], parts: ReturnType<typeof fakes>): Promise<INestApplication> {
    const moduleRef = await Test.createTestingModule({
      controllers,
      providers: [{ provide: InboxTransport, useValue: parts.transport }],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    connectInbox(app);
    await app.init();
    return app;
  }

  it('runs @EventPattern handlers with the events and the InboxContext, and keeps their errors for the DLQ', async () => {
    const parts = fakes();
    const app = await appWith([UnitsConsumer], parts);
    await app.startAllMicroservices();
    await parts.transport.startConsuming();
    await parts.deliver([unitEvent('01'), unitEvent('99'), unitEvent('03')]);
    expect(app.get(UnitsConsumer).applied).toEqual(['01', '03']);
    expect(parts.sent.map((s) => s.reason)).toEqual(['unit 99 cannot be applied']);
    await app.close();
  });

  it('fails the start when two handlers take the same topic', async () => {
    const parts = fakes();
    const app = await appWith([UnitsConsumer, SecondUnitsConsumer], parts);
    await expect(app.startAllMicroservices()).rejects.toThrow(/two @EventPattern handlers/);
    await app.close();
  });
});
