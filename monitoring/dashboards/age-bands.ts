/** Age bands of the exporter's gaugehistograms, as targets with Italian legends. */
import { config } from '../config';
import { pendingBetween, type AgeHistogram, type Matchers } from '../promql';
import type { Target } from './panels';

interface AgeBand {
  readonly legend: string;
  /** True when the whole band is older than the chronic age. */
  readonly chronic: boolean;
  readonly target: Target;
}

/** One band per bucket: "Fino a 7 giorni", "Da 7 a 15 giorni", ..., "Oltre 365 giorni". */
export function ageBands(histogram: AgeHistogram, matchers: Matchers, chronicFromDays: number): AgeBand[] {
  const bounds = config.ageBucketDays;
  const bands: AgeBand[] = [];
  bounds.forEach((upper, index) => {
    const lower = index === 0 ? null : (bounds[index - 1] ?? null);
    const legend = lower === null ? `Fino a ${upper} giorni` : `Da ${lower} a ${upper} giorni`;
    bands.push({
      legend,
      chronic: lower !== null && lower >= chronicFromDays,
      target: { expr: pendingBetween(histogram, matchers, lower, upper), legend, instant: true },
    });
  });
  const last = bounds[bounds.length - 1] ?? 0;
  const legend = `Oltre ${last} giorni`;
  bands.push({
    legend,
    chronic: last >= chronicFromDays,
    target: { expr: pendingBetween(histogram, matchers, last, null), legend, instant: true },
  });
  return bands;
}
