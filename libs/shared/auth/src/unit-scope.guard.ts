import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor } from './actor';
import { UnitHierarchy, assertUnitInScope } from './unit-scope';

/** Provided by each service that bounds routes to units: its own view of the unit tree. */
export const UNIT_HIERARCHY = Symbol('UNIT_HIERARCHY');

const UNIT_SOURCE = 'bdhvs:unit-source';

export interface UnitSource {
  query?: string;
  param?: string;
}

/** Names where a route finds the unit it reads or changes; `UnitScopeGuard` bounds it to the caller's. */
export const UnitScoped = (source: UnitSource) => SetMetadata(UNIT_SOURCE, source);

/**
 * Refuses (403) a unit-bounded caller a unit outside their own subtree. A route without a unit in the
 * request is left to its service, which defaults to the caller's own unit.
 */
@Injectable()
export class UnitScopeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(UNIT_HIERARCHY) private readonly hierarchy: UnitHierarchy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const source = this.reflector.get<UnitSource | undefined>(UNIT_SOURCE, context.getHandler());
    if (!source) return true;
    const req = context
      .switchToHttp()
      .getRequest<{ user?: Actor; query: Record<string, unknown>; params: Record<string, string> }>();
    const unit = (source.query && req.query[source.query]) || (source.param && req.params[source.param]);
    if (!req.user || typeof unit !== 'string' || unit === '') return true;
    await assertUnitInScope(req.user, unit, this.hierarchy);
    return true;
  }
}
