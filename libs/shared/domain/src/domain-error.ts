/**
 * A business rule said no. Plain class, no HTTP: the problem filter maps `code` to a status. `extra`
 * becomes extension members of the problem body (e.g. the existing `learnerId` on a 409).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
