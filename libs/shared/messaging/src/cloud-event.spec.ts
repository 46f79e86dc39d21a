import { fromKafkaMessage, toKafkaHeaders, UndecodableMessageError } from './cloud-event';
import type { KafkaMessage } from 'kafkajs';

function message(value: string, headers: Record<string, string> = {}, offset = '42'): KafkaMessage {
  return {
    key: Buffer.from('k'),
    value: Buffer.from(value),
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)])),
    offset,
    timestamp: String(Date.parse('2025-09-30T08:00:00Z')),
    attributes: 0,
  } as KafkaMessage;
}

describe('CloudEvents binary mode', () => {
  it('round-trips the attributes through Kafka headers', () => {
    const headers = toKafkaHeaders({
      id: 'e1',
      type: 'certification.certificate-issued.v1',
      source: 'bdhvs/certification',
      time: '2025-09-30T08:00:00.000Z',
      subject: 'BDHVS-1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    expect(headers).toMatchObject({ ce_specversion: '1.0', 'content-type': 'application/json' });
    const event = fromKafkaMessage('certification.certificate-issued.v1', 0, message('{"a":1}', headers));
    expect(event).toEqual({
      id: 'e1',
      type: 'certification.certificate-issued.v1',
      source: 'bdhvs/certification',
      time: '2025-09-30T08:00:00.000Z',
      subject: 'BDHVS-1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      data: { a: 1 },
    });
  });

  it('identifies a plain JSON message (the VNeID adapter) by its bytes, wherever it sits in the log', () => {
    const event = fromKafkaMessage('vneid.certification-events.v1', 3, message('{"eventId":"x"}'));
    expect(event.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(fromKafkaMessage('vneid.certification-events.v1', 0, message('{"eventId":"x"}', {}, '7')).id).toBe(
      event.id,
    );
    expect(fromKafkaMessage('vneid.certification-events.v1', 3, message('{"eventId":"y"}')).id).not.toBe(
      event.id,
    );
    expect(event.source).toBe('external');
    expect(event.time).toBe('2025-09-30T08:00:00.000Z');
  });

  it('refuses a value that is not JSON', () => {
    expect(() => fromKafkaMessage('t', 0, message('not json'))).toThrow(UndecodableMessageError);
  });

  it('refuses a ce_id longer than 200 characters', () => {
    expect(() => fromKafkaMessage('t', 0, message('{}', { ce_id: 'x'.repeat(201) }))).toThrow(
      'ce_id is longer than 200 characters',
    );
    expect(fromKafkaMessage('t', 0, message('{}', { ce_id: 'x'.repeat(200) })).id).toBe('x'.repeat(200));
  });
});
