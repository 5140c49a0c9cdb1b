/**
 * Panels both backlog dashboards show, built from the backlog's metrics and vocabulary and
 * each panel's Italian title and description. The overview reuses the oldest-pending figure.
 */
import type * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import type * as stat from '@grafana/grafana-foundation-sdk/stat';
import type * as table from '@grafana/grafana-foundation-sdk/table';
import type * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { growth, oldestDays, oldestDaysOrZero, total, type Matchers, type Reading } from '../promql';
import { ageBands } from './age-bands';
import { LAYOUT } from './backlog-dashboard';
import type { Backlog } from './backlogs';
import { NEUTRAL, UNITS, barGaugePanel, statPanel, timeseriesPanel, type PanelSpec, type Target } from './panels';
import { RANKED_BY, drillDownLink, rankingTable, type RankedLevel, type RankingColumn } from './ranking-table';

/** Title and description of a panel. */
type Caption = Pick<PanelSpec, 'title' | 'description'>;

type Size = Pick<PanelSpec, 'width' | 'height'>;

/** Days since the oldest pending item arrived, 0 when nothing is pending. */
export function oldestPendingFigure(
  backlog: Backlog,
  matchers: Matchers,
  caption: Caption,
  size: Size = LAYOUT.figure,
): stat.PanelBuilder {
  return statPanel({
    ...caption,
    unit: UNITS.days,
    decimals: 0,
    ...size,
    thresholds: backlog.oldestAgeSteps,
    targets: [{ expr: oldestDaysOrZero(backlog.oldestAge, backlog.pending, matchers), instant: true }],
  });
}

/** Ranking column: days since the row's oldest pending item arrived. */
export function oldestPendingColumn(backlog: Backlog, matchers: Matchers, level: RankedLevel, header: string): RankingColumn {
  return {
    header,
    expr: oldestDays(backlog.oldestAge, matchers, RANKED_BY[level]),
    unit: UNITS.days,
    decimals: 0,
    thresholds: backlog.oldestAgeSteps,
  };
}

function pendingByPhase(backlog: Backlog, matchers: Matchers, reading: Reading): Target[] {
  return backlog.phases.map(([phase, legend]) => ({
    expr: total(backlog.pending, [...matchers, `phase="${phase}"`], [], reading),
    legend,
    instant: reading === 'instant',
  }));
}

/** Pending items now, one bar per phase. */
export function pendingByPhaseBars(backlog: Backlog, matchers: Matchers, caption: Caption): bargauge.PanelBuilder {
  return barGaugePanel({ ...caption, unit: UNITS.count, ...LAYOUT.bars, targets: pendingByPhase(backlog, matchers, 'instant') });
}

/** Pending items day by day, one line per phase. */
export function pendingByPhaseTrend(backlog: Backlog, matchers: Matchers, caption: Caption): timeseries.PanelBuilder {
  return timeseriesPanel({ ...caption, unit: UNITS.count, ...LAYOUT.trend, targets: pendingByPhase(backlog, matchers, 'trend') });
}

/** Pending items now, one bar per age band; the bands beyond the backlog's critical age in red. */
export function pendingByAgeBars(backlog: Backlog, matchers: Matchers, caption: Caption): bargauge.PanelBuilder {
  const bands = ageBands(backlog.ageHistogram, matchers, backlog.criticalAgeDays);
  const panel = barGaugePanel({
    ...caption,
    unit: UNITS.count,
    ...LAYOUT.bars,
    thresholds: NEUTRAL,
    targets: bands.map((band) => band.target),
  });
  for (const band of bands.filter((b) => b.chronic)) {
    panel.overrideByName(band.legend, [{ id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }]);
  }
  return panel;
}

/** Items received and items closed per outcome on each day, as bars. */
export function receivedAndClosedBars(backlog: Backlog, matchers: Matchers, caption: Caption): timeseries.PanelBuilder {
  return timeseriesPanel(
    {
      ...caption,
      unit: UNITS.count,
      ...LAYOUT.trend,
      targets: [
        { expr: growth(backlog.received, matchers, [], 1, 'trend'), legend: backlog.receivedLegend },
        ...backlog.outcomes.map(([outcome, legend]) => ({
          expr: growth(backlog.closed, [...matchers, `outcome="${outcome}"`], [], 1, 'trend'),
          legend,
        })),
      ],
    },
    { bars: true },
  );
}

interface OfficeRankingSpec {
  readonly description: string;
  /** Title of the link on the office code, which opens the office on this dashboard. */
  readonly linkTitle: string;
  /** Grouped by `RANKED_BY.office`. */
  readonly columns: readonly RankingColumn[];
  readonly sortBy: string;
}

/** "Graduatoria delle sedi": the offices of the selection, each opening itself, filters kept. */
export function officeRanking(backlog: Backlog, spec: OfficeRankingSpec): table.PanelBuilder {
  return rankingTable({
    title: 'Graduatoria delle sedi',
    description: spec.description,
    level: 'office',
    link: drillDownLink(spec.linkTitle, 'office', backlog, 'row', backlog.filters),
    columns: spec.columns,
    sortBy: spec.sortBy,
    ...LAYOUT.ranking,
  });
}
