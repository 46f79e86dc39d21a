import { Injectable } from '@nestjs/common';
import { Actor, assertUnitInScope, defaultUnit } from '@bdhvs/auth';
import { UnitHierarchyRepository } from '../units/unit-hierarchy.repository';
import {
  BreakdownNotAvailableError,
  IndicatorNotComputedError,
  UnknownUnitError,
} from './domain/indicator.errors';
import {
  COMPUTED_INDICATORS,
  ComputedIndicator,
  IndicatorId,
  childrenOf,
  indicatorValue,
  isMet,
  planTarget,
  rollUpDenominator,
  sumOverSubtree,
} from './domain/indicator';
import { Period, currentYearPeriod, latestBirthDateForAge, parsePeriod } from './domain/period';
import { GetIndicatorsQuery, IndicatorRowDto } from './dto/indicators.dto';
import { QualificationRepository, UnitTally } from './qualification.repository';

const ADULT_AGE = 18;

@Injectable()
export class GetIndicatorsService {
  constructor(
    private readonly units: UnitHierarchyRepository,
    private readonly qualifications: QualificationRepository,
  ) {}

  async get(actor: Actor, query: GetIndicatorsQuery, now = new Date()): Promise<IndicatorRowDto[]> {
    const unitCode = query.unit ?? defaultUnit(actor, this.units.provinceCode);
    const unit = await this.units.find(unitCode);
    if (!unit) throw new UnknownUnitError(unitCode);
    await assertUnitInScope(actor, unitCode, this.units);
    if (query.breakdown && query.breakdown !== 'subunit') {
      throw new BreakdownNotAvailableError(query.breakdown);
    }
    const indicators = this.indicatorsFor(query.indicator);
    const period = parsePeriod(query.period ?? currentYearPeriod(now)) as Period;

    const subtree = await this.units.subtree(unitCode);
    const children = childrenOf(subtree);
    const codes = subtree.map((u) => u.code);
    const tallies = await this.qualifications.tallyByUnit(
      codes,
      period.end,
      latestBirthDateForAge(period.lastDay, ADULT_AGE),
    );
    const reported =
      query.breakdown === 'subunit' ? [unitCode, ...(children.get(unitCode) ?? [])] : [unitCode];

    const rows: IndicatorRowDto[] = [];
    for (const indicator of indicators) {
      const denominators = await this.qualifications.figures('denominator', codes, period.year, indicator);
      const targets = await this.qualifications.figures('target', reported, period.year, indicator);
      for (const code of reported) {
        const numerator = sumOverSubtree(code, children, (c) => tallies.get(c)?.qualified ?? 0);
        const denominator = indicator === 'd' ? null : rollUpDenominator(code, children, denominators);
        const value = indicatorValue(indicator, numerator, denominator);
        const target =
          targets.get(code) ?? planTarget(indicator, period.year, code === this.units.provinceCode);
        const { eventCount, asOf } = this.provenance(code, children, tallies);
        rows.push({
          indicator,
          unitCode: code,
          period: period.id,
          numerator,
          denominator,
          value,
          target,
          met: isMet(value, target),
          asOf: asOf?.toISOString() ?? null,
          eventCount,
          ...(code !== unitCode ? { breakdown: { subunit: code } } : {}),
        });
      }
    }
    return rows;
  }

  private indicatorsFor(requested: IndicatorId | undefined): ComputedIndicator[] {
    if (!requested) return [...COMPUTED_INDICATORS];
    if (!(COMPUTED_INDICATORS as readonly string[]).includes(requested)) {
      throw new IndicatorNotComputedError(requested);
    }
    return [requested as ComputedIndicator];
  }

  private provenance(code: string, children: Map<string, string[]>, tallies: Map<string, UnitTally>) {
    const eventCount = sumOverSubtree(code, children, (c) => tallies.get(c)?.eventCount ?? 0);
    let asOf: Date | null = null;
    const visit = (c: string) => {
      const t = tallies.get(c)?.asOf;
      if (t && (!asOf || t > asOf)) asOf = t;
      (children.get(c) ?? []).forEach(visit);
    };
    visit(code);
    return { eventCount, asOf: asOf as Date | null };
  }
}
