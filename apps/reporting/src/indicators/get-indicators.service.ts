import { Injectable } from '@nestjs/common';
import { Actor, assertUnitInScope, defaultUnit } from '@bdhvs/auth';
import { UnitHierarchyRepository } from '../units/unit-hierarchy.repository';
import { ProjectionVersion } from '../registry/projection-version';
import { BreakdownNotApplicableError, UnknownUnitError } from './domain/indicator.errors';
import {
  ALL_INDICATORS,
  Breakdown,
  IndicatorId,
  LearnerDimension,
  breakdownApplies,
  childrenOf,
  dimensionValues,
  indicatorValue,
  isCount,
  isMet,
  planTarget,
  rollUpDenominator,
  sumOverSubtree,
} from './domain/indicator';
import { Period, currentYearPeriod, parsePeriod } from './domain/period';
import { GetIndicatorsQuery, IndicatorRowDto } from './dto/indicators.dto';
import { QualificationRepository } from './qualification.repository';
import { CellTally, IndicatorTallyRepository } from './indicator-tally.repository';

const CACHE_ENTRIES = 2_000;

/** Sums of one indicator's tallies per unit and breakdown value. */
class Tallies {
  private readonly byUnit = new Map<string, CellTally[]>();

  constructor(tallies: CellTally[]) {
    for (const t of tallies) this.byUnit.set(t.unitCode, [...(this.byUnit.get(t.unitCode) ?? []), t]);
  }

  over(unit: string, children: Map<string, string[]>, cell: string) {
    const cells = (code: string) => (this.byUnit.get(code) ?? []).filter((t) => t.cell === cell);
    const sum = (field: 'numerator' | 'registered' | 'eventCount') =>
      sumOverSubtree(unit, children, (code) => cells(code).reduce((n, t) => n + t[field], 0));
    let asOf: Date | null = null;
    const visit = (code: string) => {
      for (const t of cells(code)) if (t.asOf && (!asOf || t.asOf > asOf)) asOf = t.asOf;
      (children.get(code) ?? []).forEach(visit);
    };
    visit(unit);
    return {
      numerator: sum('numerator'),
      registered: sum('registered'),
      eventCount: sum('eventCount'),
      asOf: asOf as Date | null,
    };
  }
}

@Injectable()
export class GetIndicatorsService {
  private readonly cache = new Map<string, { version: string; rows: IndicatorRowDto[] }>();

  constructor(
    private readonly units: UnitHierarchyRepository,
    private readonly qualifications: QualificationRepository,
    private readonly tallies: IndicatorTallyRepository,
    private readonly version: ProjectionVersion,
  ) {}

  async get(actor: Actor, query: GetIndicatorsQuery, now = new Date()): Promise<IndicatorRowDto[]> {
    const unitCode = query.unit ?? defaultUnit(actor, this.units.provinceCode);
    const unit = await this.units.find(unitCode);
    if (!unit) throw new UnknownUnitError(unitCode);
    await assertUnitInScope(actor, unitCode, this.units);
    const breakdown = query.breakdown ?? null;
    const indicators = this.indicatorsFor(query.indicator, breakdown);
    const period = parsePeriod(query.period ?? currentYearPeriod(now)) as Period;

    // A computed answer stays right until a projection changes: the same question again costs one read.
    const key = JSON.stringify([unitCode, period.id, indicators, breakdown]);
    const version = await this.version.current();
    const cached = this.cache.get(key);
    if (cached?.version === version) return cached.rows;
    const rows = await this.compute(unitCode, period, indicators, breakdown);
    this.cache.delete(key);
    this.cache.set(key, { version, rows });
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    return rows;
  }

  private async compute(
    unitCode: string,
    period: Period,
    indicators: IndicatorId[],
    breakdown: Breakdown | null,
  ): Promise<IndicatorRowDto[]> {
    const subtree = await this.units.subtree(unitCode);
    const children = childrenOf(subtree);
    const codes = subtree.map((u) => u.code);
    const scope = unitCode === this.units.provinceCode ? 'all' : codes;
    const dimension = breakdown && breakdown !== 'subunit' ? (breakdown as LearnerDimension) : null;
    const learnerIndicators = indicators.filter((i) => i !== 'm_family');
    const [totals, cells, households] = await Promise.all([
      learnerIndicators.length ? this.tallies.tallyLearners(scope, period, null) : [],
      learnerIndicators.length && dimension ? this.tallies.tallyLearners(scope, period, dimension) : [],
      indicators.includes('m_family') ? this.tallies.tallyHouseholds(scope, period) : [],
    ]);
    const reportedSubunits = breakdown === 'subunit' ? (children.get(unitCode) ?? []) : [];

    const rows: IndicatorRowDto[] = [];
    for (const indicator of indicators) {
      const own = new Tallies([...totals, ...households].filter((t) => t.indicator === indicator));
      const split = new Tallies(cells.filter((t) => t.indicator === indicator));
      const entered =
        indicator === 'd' || indicator === 'm_family'
          ? new Map<string, number>()
          : await this.qualifications.figures('denominator', codes, period.year, indicator);
      const targets = await this.qualifications.figures(
        'target',
        [unitCode, ...reportedSubunits],
        period.year,
        indicator,
      );
      const denominatorOf = (code: string, registered: number): number | null => {
        if (indicator === 'd') return null;
        // m_family is a share of the households in the registry, not of an official figure.
        if (indicator === 'm_family') return registered;
        return rollUpDenominator(code, children, entered);
      };
      const targetOf = (code: string) =>
        targets.get(code) ?? planTarget(indicator, period.year, code === this.units.provinceCode);
      const row = (code: string, tally: ReturnType<Tallies['over']>, split?: Record<string, string>) => {
        // Official denominators exist per unit only: a row of one sex or age band has none.
        const byTrait = split !== undefined && !('subunit' in split);
        const denominator = byTrait ? null : denominatorOf(code, tally.registered);
        const value = indicatorValue(indicator, tally.numerator, denominator);
        const target = byTrait && isCount(indicator) ? null : targetOf(code);
        return {
          indicator,
          unitCode: code,
          period: period.id,
          numerator: tally.numerator,
          denominator,
          value,
          target,
          met: isMet(value, target),
          registered: tally.registered,
          asOf: tally.asOf?.toISOString() ?? null,
          eventCount: tally.eventCount,
          ...(split ? { breakdown: split } : {}),
        };
      };
      rows.push(row(unitCode, own.over(unitCode, children, '')));
      for (const sub of reportedSubunits) rows.push(row(sub, own.over(sub, children, ''), { subunit: sub }));
      if (dimension) {
        for (const value of dimensionValues(dimension))
          rows.push(row(unitCode, split.over(unitCode, children, value), { [dimension]: value }));
      }
    }
    return rows;
  }

  /** The indicators asked for; without one, every indicator the breakdown applies to. */
  private indicatorsFor(requested: IndicatorId | undefined, breakdown: Breakdown | null): IndicatorId[] {
    if (requested) {
      if (breakdown && !breakdownApplies(requested, breakdown))
        throw new BreakdownNotApplicableError(requested, breakdown);
      return [requested];
    }
    return ALL_INDICATORS.filter((i) => !breakdown || breakdownApplies(i, breakdown));
  }
}
