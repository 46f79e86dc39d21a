export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_NAME = Symbol('SERVICE_NAME');

/** Something that must be up for the service to be ready (the database, the broker). */
export interface ReadinessProbe {
  readonly name: string;
  check(): Promise<void>;
}
export const READINESS_PROBES = Symbol('READINESS_PROBES');
