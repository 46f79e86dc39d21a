import { IsString } from 'class-validator';
import { ConfigError, ServiceConfig, loadConfig } from './service-config';
import { formatTraceparent, newTraceContext, parseTraceparent } from './trace-context';

class ExampleConfig extends ServiceConfig {
  @IsString()
  SECRET: string;
}

const valid = {
  PORT: '3003',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bdhvs_x',
  KAFKA_BROKERS: '127.0.0.1:9092',
  JWT_PUBLIC_KEY_FILE: '/tmp/key.pem',
  SECRET: 'super-secret-value',
};

describe('loadConfig', () => {
  it('reads a typed config with defaults', () => {
    const config = loadConfig(ExampleConfig, valid);
    expect(config.PORT).toBe(3003);
    expect(config.KAFKA_TOPIC_PARTITIONS).toBe(6);
    expect(config.NODE_ENV).toBe('development');
    expect(config.KAFKA_PARTITIONS_CONCURRENTLY).toBeUndefined();
  });

  it('reads the consumer concurrency override, a whole number from 1', () => {
    expect(
      loadConfig(ExampleConfig, { ...valid, KAFKA_PARTITIONS_CONCURRENTLY: '3' })
        .KAFKA_PARTITIONS_CONCURRENTLY,
    ).toBe(3);
    expect(() => loadConfig(ExampleConfig, { ...valid, KAFKA_PARTITIONS_CONCURRENTLY: '0' })).toThrow(
      /KAFKA_PARTITIONS_CONCURRENTLY/,
    );
  });

  it('names every bad variable in one line, never a value', () => {
    const run = () =>
      loadConfig(ExampleConfig, {
        ...valid,
        PORT: 'x',
        SECRET: '',
        KAFKA_BROKERS: 'nope',
        JWT_PUBLIC_KEY_FILE: '',
      });
    expect(run).toThrow(ConfigError);
    try {
      run();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('KAFKA_BROKERS');
      expect(message).toContain('SECRET');
      expect(message).toContain('JWT_JWKS_URL or JWT_PUBLIC_KEY_FILE');
      expect(message).not.toContain('\n');
    }
  });
});

describe('trace context', () => {
  it('continues a caller’s trace with a new span', () => {
    const parent = parseTraceparent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    const child = newTraceContext(parent);
    expect(child.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(child.spanId).not.toBe('b7ad6b7169203331');
    expect(parseTraceparent(formatTraceparent(child))).toEqual(child);
  });

  it('ignores a malformed header', () => expect(parseTraceparent('garbage')).toBeUndefined());
});
