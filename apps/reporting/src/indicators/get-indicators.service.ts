import { Injectable } from '@nestjs/common';
import { Actor, assertUnitInScope, defaultUnit } from '@bdhvs/auth';
import { ConditionalRead, entityTag, matchesIfNoneMatch } from '@bdhvs/service-runtime';
import { UnitHierarchyRepository } from '../units/unit-hierarchy.repository';
import { formerDistrictOfCommunes, isFormerDistrict } from '../units/domain/former-map';
import { ProjectionVersion } from '../registry/projection-version';
import {
  BreakdownNotApplicableError,
  CursorTooOldError,
  InvalidIndicatorQueryError,
  UnknownUnitError,
} from './domain/indicator.errors';
import {
  ALL_INDICATORS,
  Breakdown,
  IndicatorId,
  LearnerDimension,
  LearnerIndicator,
  breakdownApplies,
  childrenOf,
  denominatorIsRegistered,
  dimensionValues,
  indicatorValue,
  isCount,
  isMet,
  leafCount,
  planTarget,
  rollUpDenominator,
  sumOverSubtree,
  unitOfCount,
  weeksIn,
} from './domain/indicator';
import { Period, currentYearPeriod, parsePeriod } from './domain/period';
import {
  GetIndicatorEvidenceQuery,
  GetIndicatorsQuery,
  IndicatorChangesDto,
  IndicatorEvidenceDto,
  ListIndicatorChangesQuery,
  IndicatorRowDto,
} from './dto/indicators.dto';
import { QualificationRepository } from './qualification.repository';
import { CellTally, IndicatorTallyRepository, UnitScope } from './indicator-tally.repository';
import { VersionedReads } from './versioned-reads';

const CACHE_ENTRIES = 2_000;

/** The units a read sums over: the unit, its sub-units and the codes its tallies are kept under. */
interface UnitTree {
  unitCode: string;
  children: Map<string, string[]>;
  codes: string[];
  scope: UnitScope;
}

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
  private readonly reads = new VersionedReads<IndicatorRowDto[]>(CACHE_ENTRIES);

  constructor(
    private readonly units: UnitHierarchyRepository,
    private readonly qualifications: QualificationRepository,
    private readonly tallies: IndicatorTallyRepository,
    private readonly version: ProjectionVersion,
  ) {}

  async get(
    actor: Actor,
    query: GetIndicatorsQuery,
    ifNoneMatch?: string,
    now = new Date(),
  ): Promise<ConditionalRead<IndicatorRowDto[]>> {
    const map = query.map ?? '2025';
    const unitCode =
      map === '2025' ? await this.unitOf(actor, query.unit) : await this.formerUnitOf(actor, query.unit);
    const breakdown = query.breakdown ?? null;
    const indicators = this.indicatorsFor(query.indicator, breakdown);
    const period = parsePeriod(query.period ?? currentYearPeriod(now)) as Period;
    const version = await this.version.current();
    const etag = entityTag([version, map, unitCode, period.id, indicators, breakdown]);
    if (matchesIfNoneMatch(ifNoneMatch, etag)) return { etag, body: null };
    return { etag, body: await this.rows(map, unitCode, period, indicators, breakdown, version) };
  }

  /** Every indicator's own row for a unit of the 2025 map (a periodic report's rows). No scope check. */
  async unitRows(unitCode: string, period: Period): Promise<IndicatorRowDto[]> {
    return this.rows('2025', unitCode, period, [...ALL_INDICATORS], null, await this.version.current());
  }

  /**
   * listIndicatorChanges: the rows of every unit whose numbers may have changed after `since` (a unit
   * changes with any unit below it), within the caller's unit, and the cursor to pass next time.
   */
  async changes(
    actor: Actor,
    query: ListIndicatorChangesQuery,
    now = new Date(),
  ): Promise<IndicatorChangesDto> {
    const since = query.since ?? '0';
    const period = parsePeriod(query.period ?? currentYearPeriod(now)) as Period;
    const feed = await this.version.changedSince(since);
    if (!feed) throw new CursorTooOldError(since);
    const all = await this.units.subtree(actor.unit ?? this.units.provinceCode);
    const parentOf = new Map(all.map((u) => [u.code, u.parentCode]));
    const changed = new Set<string>();
    for (let code of feed.units) {
      while (parentOf.has(code) && !changed.has(code)) {
        changed.add(code);
        const parent = parentOf.get(code);
        if (!parent) break;
        code = parent;
      }
    }
    const changes = [];
    for (const unitCode of [...changed].sort())
      changes.push({
        unitCode,
        rows: await this.rows('2025', unitCode, period, [...ALL_INDICATORS], null, feed.version),
      });
    return { since, next: feed.version, period: period.id, changes };
  }

  /** Every indicator's rows for a unit and each of its direct sub-units (rankings). No scope check. */
  async subunitRows(unitCode: string, period: Period): Promise<IndicatorRowDto[]> {
    return this.rows('2025', unitCode, period, [...ALL_INDICATORS], 'subunit', await this.version.current());
  }

  /** The version the rows of a read are computed at: an ETag, and the key of the read cache. */
  currentVersion(): Promise<string> {
    return this.version.current();
  }

  private async rows(
    map: '2025' | 'pre-2025',
    unitCode: string,
    period: Period,
    indicators: IndicatorId[],
    breakdown: Breakdown | null,
    version: string,
  ): Promise<IndicatorRowDto[]> {
    // A computed answer stays right until a projection changes, and however many callers poll one question
    // while events arrive, it is computed at most once at a time (VersionedReads).
    const key = JSON.stringify([map, unitCode, period.id, indicators, breakdown]);
    return this.reads.read(key, version, async () => {
      const tree = map === '2025' ? await this.treeOf(unitCode) : await this.formerTreeOf(unitCode);
      return this.compute(tree, period, indicators, breakdown);
    });
  }

  /** getIndicatorEvidence: the certificates behind one cell's numerator, a page at a time. */
  async evidence(
    actor: Actor,
    query: GetIndicatorEvidenceQuery,
    now = new Date(),
  ): Promise<IndicatorEvidenceDto> {
    let unitCode = await this.unitOf(actor, query.unit);
    const period = parsePeriod(query.period ?? currentYearPeriod(now)) as Period;
    if (query.breakdown && query.value === undefined)
      throw new InvalidIndicatorQueryError('value', 'value is required with breakdown');
    if (!query.breakdown && query.value !== undefined)
      throw new InvalidIndicatorQueryError('breakdown', 'breakdown is required with value');
    let cell: { dimension: LearnerDimension; value: string } | null = null;
    if (query.breakdown === 'subunit') {
      const subunits = (await this.units.subtree(unitCode)).filter((u) => u.parentCode === unitCode);
      if (!subunits.some((u) => u.code === query.value))
        throw new InvalidIndicatorQueryError('value', `${query.value} is not a sub-unit of ${unitCode}`);
      unitCode = query.value as string;
    } else if (query.breakdown) {
      const dimension = query.breakdown as LearnerDimension;
      if (!dimensionValues(dimension).includes(query.value as string))
        throw new InvalidIndicatorQueryError(
          'value',
          `value must be one of ${dimensionValues(dimension).join(', ')} for ${dimension}`,
        );
      cell = { dimension, value: query.value as string };
    }
    const events = await this.tallies.evidence(await this.scopeOf(unitCode), period, query.indicator, cell, {
      limit: query.limit,
      after: query.after,
    });
    return {
      indicator: query.indicator,
      unitCode,
      period: period.id,
      ...(query.breakdown ? { breakdown: { [query.breakdown]: query.value as string } } : {}),
      events: events.map((e) => ({
        eventId: e.eventId,
        producer: e.producer,
        kind: e.kind,
        subjectId: e.subjectId,
        occurredAt: e.occurredAt.toISOString(),
        appliedAt: e.appliedAt.toISOString(),
        unitCode: e.unitCode,
      })),
      next: events.length === query.limit ? events[events.length - 1].subjectId : null,
    };
  }

  /** The unit asked for (default the caller's), known and within the caller's own. */
  private async unitOf(actor: Actor, requested: string | undefined): Promise<string> {
    const unitCode = requested ?? defaultUnit(actor, this.units.provinceCode);
    if (!(await this.units.find(unitCode))) throw new UnknownUnitError(unitCode);
    await assertUnitInScope(actor, unitCode, this.units);
    return unitCode;
  }

  private async scopeOf(unitCode: string): Promise<UnitScope> {
    if (unitCode === this.units.provinceCode) return 'all';
    return (await this.units.subtree(unitCode)).map((u) => u.code);
  }

  /** A unit of the former map: the province or a former district (former communes cannot be told apart). */
  private async formerUnitOf(actor: Actor, requested: string | undefined): Promise<string> {
    const unitCode = requested ?? this.units.provinceCode;
    // Callers are scoped by 2025 units: the former map is read at province level.
    await assertUnitInScope(actor, this.units.provinceCode, this.units);
    if (unitCode === this.units.provinceCode) return unitCode;
    const unit = (await this.units.formerMap()).find((u) => u.code === unitCode);
    if (!unit) throw new UnknownUnitError(unitCode, 'unit', 'pre-2025');
    if (!isFormerDistrict(unit))
      throw new InvalidIndicatorQueryError(
        'unit',
        `${unitCode} is a former commune: merged on 1 July 2025, it is read through its 2025 commune or its former district.`,
      );
    return unitCode;
  }

  private async treeOf(unitCode: string): Promise<UnitTree> {
    const subtree = await this.units.subtree(unitCode);
    const codes = subtree.map((u) => u.code);
    return {
      unitCode,
      children: childrenOf(subtree),
      codes,
      scope: unitCode === this.units.provinceCode ? 'all' : codes,
    };
  }

  /** The former map over 2025 communes: province, former districts, the 2025 communes each counts. */
  private async formerTreeOf(unitCode: string): Promise<UnitTree> {
    const former = await this.units.formerMap();
    const province = this.units.provinceCode;
    const children = new Map<string, string[]>([
      [province, former.filter((u) => isFormerDistrict(u)).map((u) => u.code)],
    ]);
    for (const [commune, district] of formerDistrictOfCommunes(former))
      children.set(district, [...(children.get(district) ?? []), commune]);
    const codes = [unitCode, ...(children.get(unitCode) ?? [])];
    if (unitCode === province)
      return { unitCode, children, codes: [province, ...[...children.values()].flat()], scope: 'all' };
    return { unitCode, children, codes, scope: codes };
  }

  private async compute(
    tree: UnitTree,
    period: Period,
    indicators: IndicatorId[],
    breakdown: Breakdown | null,
  ): Promise<IndicatorRowDto[]> {
    const { unitCode, children, codes, scope } = tree;
    const dimension = breakdown && breakdown !== 'subunit' ? (breakdown as LearnerDimension) : null;
    const learnerIndicators = indicators.filter((i): i is LearnerIndicator => !i.startsWith('m_'));
    const models = indicators.filter((i) => i.startsWith('m_'));
    const tallyModel = (indicator: IndicatorId, by: LearnerDimension | null): Promise<CellTally[]> => {
      switch (indicator) {
        case 'm_family':
          return this.tallies.tallyHouseholds(scope, period, by);
        case 'm_classes_week':
          return this.tallies.tallySessions(scope, period);
        case 'm_mentor5':
          return this.tallies.tallyMentors(scope, period, by);
        case 'm_desk':
          return this.tallies.tallyDesks(scope, period);
        case 'm_identity16':
          return this.tallies.tallyIdentities(scope, period, by);
        case 'm_visits':
          return this.tallies.tallyVisits(scope, period, by);
        case 'm_4t':
          return this.tallies.tally4t(scope, period, by);
        default:
          return Promise.resolve([]);
      }
    };
    const [learnerTotals, learnerCells, modelTotals, modelCells] = await Promise.all([
      learnerIndicators.length ? this.tallies.tallyLearners(scope, period, null, learnerIndicators) : [],
      learnerIndicators.length && dimension
        ? this.tallies.tallyLearners(scope, period, dimension, learnerIndicators)
        : [],
      Promise.all(models.map((i) => tallyModel(i, null))),
      dimension
        ? Promise.all(
            models.filter((i) => breakdownApplies(i, dimension)).map((i) => tallyModel(i, dimension)),
          )
        : [],
    ]);
    const totals = [...learnerTotals, ...modelTotals.flat()];
    const cells = [...learnerCells, ...modelCells.flat()];
    const reportedSubunits = breakdown === 'subunit' ? (children.get(unitCode) ?? []) : [];

    const rows: IndicatorRowDto[] = [];
    for (const indicator of indicators) {
      const own = new Tallies(totals.filter((t) => t.indicator === indicator));
      const split = new Tallies(cells.filter((t) => t.indicator === indicator));
      const entered =
        indicator === 'd' || indicator.startsWith('m_')
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
        // So are m_mentor5 (of the mentors) and m_identity16 (of the registered learners aged 16+).
        if (denominatorIsRegistered(indicator)) return registered;
        // Sessions per commune per week: every commune below the unit, every week of the period.
        if (indicator === 'm_classes_week') return leafCount(code, children) * weeksIn(period);
        // Communes with a desk helper, of the communes below the unit.
        if (indicator === 'm_desk') return leafCount(code, children);
        return rollUpDenominator(code, children, entered);
      };
      const targetOf = (code: string) =>
        targets.get(code) ?? planTarget(indicator, period.year, code === this.units.provinceCode);
      const row = (code: string, tally: ReturnType<Tallies['over']>, split?: Record<string, string>) => {
        // Official denominators exist per unit only: a row of one sex or age band has none. A model
        // indicator's own count (mentors, households, citizens from 16) splits as its numerator does.
        const byTrait = split !== undefined && !('subunit' in split);
        const denominator =
          byTrait && !denominatorIsRegistered(indicator) ? null : denominatorOf(code, tally.registered);
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
        throw new BreakdownNotApplicableError(requested, breakdown, unitOfCount(requested));
      return [requested];
    }
    return ALL_INDICATORS.filter((i) => !breakdown || breakdownApplies(i, breakdown));
  }
}
