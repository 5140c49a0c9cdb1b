import { type AgeDistribution, gaugeHistogramSamples, samplesByLabel } from './family-samples';
import type { MetricFamily, MetricType, Sample } from './openmetrics';

/** What OpenMetrics says of a family once, in its header. */
interface FamilyDeclaration {
  readonly name: string;
  readonly type: MetricType;
  readonly unit?: string;
  readonly help: string;
}

/** The suffix of a family's sample names (a gauge histogram's samples are named per part). */
const SAMPLE_SUFFIX: Readonly<Record<MetricType, string>> = { gauge: '', counter: '_total', gaugehistogram: '', info: '_info' };

/** A metric family declared once: every sample it emits bears its name. */
export class DeclaredFamily {
  private readonly sampleName: string;

  constructor(private readonly declaration: FamilyDeclaration) {
    this.sampleName = declaration.name + SAMPLE_SUFFIX[declaration.type];
  }

  sample(labels: string, value: number): Sample {
    return { name: this.sampleName, labels, value };
  }

  /** One sample per value of an extra label, in the given order. */
  byLabel(labels: string, labelName: string, values: ReadonlyArray<readonly [string, number]>): Sample[] {
    return samplesByLabel(this.sampleName, labels, labelName, values);
  }

  /** The `_bucket`, `_gcount` and `_gsum` samples of a gauge histogram of ages. */
  histogram(labels: string, ages: AgeDistribution): Sample[] {
    if (this.declaration.type !== 'gaugehistogram') throw new TypeError(`${this.declaration.name} is not a gauge histogram`);
    return gaugeHistogramSamples(this.declaration.name, labels, ages);
  }

  family(samples: readonly Sample[]): MetricFamily {
    return { ...this.declaration, samples };
  }
}

export function declareFamily(declaration: FamilyDeclaration): DeclaredFamily {
  return new DeclaredFamily(declaration);
}
