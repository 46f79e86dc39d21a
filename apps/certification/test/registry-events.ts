import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { LearnerRegisteredV1, Topic, Topics, UnitRegisteredV1 } from '@bdhvs/events';
import type { RunningService } from '@bdhvs/testing';
import type { CertificationConfig } from '../src/config/certification-config';

type Service = RunningService<CertificationConfig>;

/** Publishes events on the service's topics as their owner would: CloudEvents in binary mode. */
export async function publish<T>(
  service: Service,
  topic: Topic,
  events: { key: string; data: T }[],
): Promise<void> {
  const kafka = new Kafka({
    clientId: 'int-registry',
    brokers: service.config.KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({
      topic: `${service.config.KAFKA_TOPIC_PREFIX}${topic}`,
      messages: events.map(({ key, data }) => ({
        key,
        value: JSON.stringify(data),
        headers: {
          ce_specversion: '1.0',
          ce_id: randomUUID(),
          ce_type: topic,
          ce_source: 'bdhvs/learners',
          ce_time: new Date().toISOString(),
          'content-type': 'application/json',
        },
      })),
    });
  } finally {
    await producer.disconnect();
  }
}

async function until(service: Service, sql: string, params: unknown[], expected: number, what: string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const [{ n }] = await service.database.dataSource.query(sql, params);
    if (n === expected) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`certification did not learn ${what} in 30 s`);
}

/**
 * Announces communes of the 2025 map (in province 12) on the registry's topic, as the learners service
 * does, and waits until certification knows them: a VNeID event naming any other unit is refused.
 */
export async function announceUnits(service: Service, codes: string[]): Promise<void> {
  await publish<UnitRegisteredV1>(
    service,
    Topics.unitRegistered,
    [
      { code: '12', type: 'province' as const, parentCode: null },
      ...codes.map((code) => ({ code, type: 'commune' as const, parentCode: '12' })),
    ].map((u) => ({
      key: `2025:${u.code}`,
      data: { map: '2025', name: `Đơn vị ${u.code}`, shortName: u.code, ...u },
    })),
  );
  await until(
    service,
    'SELECT count(*)::int AS n FROM known_unit WHERE code = ANY($1)',
    [codes],
    codes.length,
    `the units ${codes.join(', ')}`,
  );
}

/** Announces a learner of the registry and waits until certification knows them. */
export async function announceLearner(
  service: Service,
  learner: { learnerId: string; learnerKey: string; unitCode: string },
): Promise<void> {
  await publish<LearnerRegisteredV1>(service, Topics.learnerRegistered, [
    {
      key: learner.learnerId,
      data: {
        ...learner,
        unitMap: '2025',
        dateOfBirth: '1985-03-12',
        birthYear: 1985,
        sex: 'female',
        disability: false,
        poorHousehold: false,
        groups: ['CITIZEN'],
        vneidStatus: 'level2',
        digitalBankAccount: false,
        registeredAt: new Date().toISOString(),
      },
    },
  ]);
  await until(
    service,
    'SELECT count(*)::int AS n FROM known_learner WHERE learner_id = $1',
    [learner.learnerId],
    1,
    `the learner ${learner.learnerId}`,
  );
}
