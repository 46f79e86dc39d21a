import { ensureInfrastructure } from './infrastructure';

/** Jest globalSetup of the integration tests: reaches the infrastructure once and passes it on by env. */
export default async function globalSetup(): Promise<void> {
  const infra = await ensureInfrastructure();
  process.env['BDHVS_TEST_POSTGRES'] = infra.postgresServerUrl;
  process.env['KAFKA_BROKERS'] = infra.kafkaBrokers;
  (globalThis as { __bdhvsInfra?: typeof infra }).__bdhvsInfra = infra;
}
