import { Topics } from '@bdhvs/events';
import type { DeadLetter, InboxTransport } from '@bdhvs/messaging';
import type { EntityManager } from 'typeorm';
import type { CertificationConfig } from '../config/certification-config';
import { MAX_DETAIL_LENGTH, MAX_EVENT_ID_LENGTH } from './domain/review-item';
import type { ReviewItemEntity } from './review-item.entity';
import type { ReviewItemRepository } from './review-item.repository';
import { ReviewQueueService } from './review-queue.service';

const config = {
  VNEID_HANDOVER_KEYS: 'k1:ZGV2LW9ubHktdm5laWQtaGFuZG92ZXIta2V5LTMyYiE=',
  PII_HASH_KEY: 'unit-test-pii-hash-key',
} as CertificationConfig;

const event = {
  eventId: '5d0f3c4e-8a61-4a8e-9b0f-2f6c1d8e7a10',
  type: 'CERTIFIED',
  occurredAt: '2025-09-30T08:00:00Z',
  citizenId: '012080412345',
  fullName: 'Vàng A Páo',
  dateOfBirth: '1984-02-02',
  unitCode: '03388',
  programme: 'CITIZEN_BASIC',
  certificateNo: 'BDHVS-2025-000001',
};

function letter(value: string, offset = '7'): DeadLetter {
  return {
    topic: Topics.vneidCertificationEvents,
    partition: 2,
    reason: 'failed after retries: boom',
    message: {
      offset,
      timestamp: '0',
      key: Buffer.from('k'),
      value: Buffer.from(value),
      headers: {},
      attributes: 0,
    } as DeadLetter['message'],
  };
}

describe(ReviewQueueService.name, () => {
  const kept: ReviewItemEntity[] = [];
  const items = {
    keepDeadLetter: async (_tx: EntityManager, item: ReviewItemEntity) => void kept.push(item),
  } as unknown as ReviewItemRepository;
  const keepers: string[] = [];
  const inbox = {
    keepDeadLetters: (topic: string) => void keepers.push(topic),
  } as unknown as InboxTransport;
  const queue = new ReviewQueueService(items, inbox, config);
  const stored = (item: ReviewItemEntity) => ({
    item: { id: item.id } as never,
    payloadSealed: item.payloadSealed,
    payloadKeyId: item.payloadKeyId,
  });

  beforeEach(() => (kept.length = 0));

  it('keeps the dead letters of the VNeID topic, and of no other', () => {
    queue.onModuleInit();
    expect(keepers).toEqual([Topics.vneidCertificationEvents]);
  });

  it('keeps a decodable dead letter with its event fields and no citizen ID, and gives the event back', async () => {
    await queue.keepDeadLetter({} as EntityManager, letter(JSON.stringify(event)));
    const [item] = kept;
    expect(item).toMatchObject({
      reason: 'dead-lettered',
      detail: 'failed after retries: boom',
      eventId: '5d0f3c4e-8a61-4a8e-9b0f-2f6c1d8e7a10',
      eventType: 'CERTIFIED',
      certificateNo: 'BDHVS-2025-000001',
      unitCode: '03388',
      occurredAt: new Date('2025-09-30T08:00:00Z'),
    });
    expect(item.learnerKey).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(item)).not.toContain(event.citizenId);
    expect(queue.deadLetterEventOf(stored(item))).toEqual({ event });
  });

  it('keeps an undecodable one under its offset, and says why it still cannot be applied', async () => {
    await queue.keepDeadLetter({} as EntityManager, letter('{"eventId": 3'));
    const [item] = kept;
    expect(item).toMatchObject({
      eventId: `${Topics.vneidCertificationEvents}/2@7`,
      eventType: null,
      certificateNo: null,
      learnerKey: null,
      occurredAt: null,
    });
    expect(queue.deadLetterEventOf(stored(item))).toEqual({ problem: 'value is not JSON' });
  });

  it('keeps a dead letter under its CloudEvent id, unless that id is not one an item can hold', async () => {
    const withId = (ceId: string, offset: string) => {
      const dead = letter('{"eventId": 3', offset);
      dead.message.headers = { ce_id: Buffer.from(ceId) };
      return dead;
    };
    await queue.keepDeadLetter({} as EntityManager, withId('evt-42', '8'));
    await queue.keepDeadLetter({} as EntityManager, withId('x'.repeat(MAX_EVENT_ID_LENGTH + 1), '9'));
    expect(kept.map((i) => i.eventId)).toEqual(['evt-42', `${Topics.vneidCertificationEvents}/2@9`]);
  });

  it('keeps at most MAX_DETAIL_LENGTH characters of why a message was dead-lettered', async () => {
    const dead = { ...letter(JSON.stringify(event)), reason: `failed after retries: ${'é'.repeat(5000)}` };
    await queue.keepDeadLetter({} as EntityManager, dead);
    const [item] = kept;
    expect([...item.detail]).toHaveLength(MAX_DETAIL_LENGTH);
    expect(item.detail).toMatch(/^failed after retries: é+…$/);
  });
});
