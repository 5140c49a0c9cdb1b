/** The few Prometheus HTTP API calls the harness needs, as Grafana's datasource makes them. */

export interface Sample {
  readonly metric: Readonly<Record<string, string>>;
  readonly value?: readonly [number, string];
  readonly values?: readonly (readonly [number, string])[];
}

interface ApiResponse<T> {
  readonly status: 'success' | 'error';
  readonly data?: T;
  readonly error?: string;
  readonly errorType?: string;
}

export interface RuleHealth {
  readonly name: string;
  readonly health: string;
  readonly lastError?: string;
}

export class PrometheusApi {
  constructor(private readonly baseUrl: string) {}

  private async call<T>(path: string, params: Readonly<Record<string, string | readonly string[]>>): Promise<T> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      for (const one of typeof value === 'string' ? [value] : value) body.append(name, one);
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const json = (await response.json()) as ApiResponse<T>;
    if (json.status !== 'success' || json.data === undefined) {
      throw new Error(`${path} failed (${json.errorType ?? response.status}): ${json.error ?? 'no data'}`);
    }
    return json.data;
  }

  async instant(expr: string, time: number): Promise<Sample[]> {
    const data = await this.call<{ resultType: string; result: Sample[] }>('/api/v1/query', {
      query: expr,
      time: String(time),
    });
    return data.result;
  }

  async range(expr: string, start: number, end: number, step: number): Promise<Sample[]> {
    const data = await this.call<{ resultType: string; result: Sample[] }>('/api/v1/query_range', {
      query: expr,
      start: String(start),
      end: String(end),
      step: String(step),
    });
    return data.result;
  }

  async labelValues(label: string, match: readonly string[]): Promise<string[]> {
    const query = new URLSearchParams();
    for (const m of match) query.append('match[]', m);
    const response = await fetch(`${this.baseUrl}/api/v1/label/${label}/values?${query.toString()}`);
    const json = (await response.json()) as ApiResponse<string[]>;
    if (json.status !== 'success' || json.data === undefined) throw new Error(`label values of ${label}: ${json.error ?? ''}`);
    return json.data;
  }

  private async ruleGroups(): Promise<{ interval: number; rules: RuleHealth[] }[]> {
    const response = await fetch(`${this.baseUrl}/api/v1/rules`);
    const json = (await response.json()) as ApiResponse<{ groups: { interval: number; rules: RuleHealth[] }[] }>;
    return json.data?.groups ?? [];
  }

  async rules(): Promise<RuleHealth[]> {
    return (await this.ruleGroups()).flatMap((group) => group.rules);
  }

  /** Each rule group's evaluation interval in seconds. */
  async ruleGroupIntervals(): Promise<number[]> {
    return (await this.ruleGroups()).map((group) => group.interval);
  }
}

/** The text Grafana builds from one sample of a `query_result(...)` variable query. */
export function queryResultText(sample: Sample): string {
  const { __name__: name, ...labels } = sample.metric;
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const [time, value] = sample.value ?? [0, ''];
  return `${name ?? ''}{${pairs.join(',')}} ${value} ${time * 1000}`;
}
