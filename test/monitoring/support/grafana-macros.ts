/**
 * What Grafana does to a Prometheus target before sending it: replace dashboard variables
 * (multi-value variables as a regex alternation, "All" as the variable's allValue) and the
 * interval macros.
 */

export interface MacroContext {
  /** Step of the range query in seconds. */
  readonly stepSeconds: number;
  /** Scrape interval of the datasource in seconds (jsonData.timeInterval). */
  readonly scrapeSeconds: number;
  /** Length of the dashboard's time range in seconds. */
  readonly rangeSeconds: number;
}

/** Grafana's $__rate_interval: max($__interval + scrape interval, 4 * scrape interval). */
export function rateIntervalSeconds(ctx: MacroContext): number {
  return Math.max(ctx.stepSeconds + ctx.scrapeSeconds, 4 * ctx.scrapeSeconds);
}

export function substituteMacros(expr: string, ctx: MacroContext): string {
  return expr
    .replace(/\$__rate_interval/g, `${rateIntervalSeconds(ctx)}s`)
    .replace(/\$__interval_ms/g, String(ctx.stepSeconds * 1000))
    .replace(/\$__interval/g, `${ctx.stepSeconds}s`)
    .replace(/\$__range_s/g, String(ctx.rangeSeconds))
    .replace(/\$__range_ms/g, String(ctx.rangeSeconds * 1000))
    .replace(/\$__range/g, `${ctx.rangeSeconds}s`);
}

/** Escapes a value for a PromQL regex matcher inside a double-quoted string, as Grafana does. */
export function escapeRegexValue(value: string): string {
  return value.replace(/[\\^$*+?.()|{}[\]]/g, (c) => `\\\\${c}`);
}

/**
 * Replaces `$name` and `${name}` with the variable's value: one value as is (escaped), many
 * values as `(a|b)`, and `null` (the "All" option) as `allValue`.
 */
export function substituteVariables(
  expr: string,
  values: ReadonlyMap<string, readonly string[] | null>,
  allValues: ReadonlyMap<string, string>,
): string {
  return expr.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, (whole: string, braced?: string, bare?: string) => {
    const name = braced ?? bare ?? '';
    if (name.startsWith('__') || !values.has(name)) return whole;
    const chosen = values.get(name) ?? null;
    if (chosen === null) return allValues.get(name) ?? '.*';
    const escaped = chosen.map(escapeRegexValue);
    return escaped.length === 1 ? (escaped[0] ?? '') : `(${escaped.join('|')})`;
  });
}

/** Names of the `$name` / `${name}` references in an expression, macros excluded. */
export function referencedVariables(expr: string): string[] {
  const names = new Set<string>();
  for (const match of expr.matchAll(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g)) {
    const name = match[1] ?? match[2] ?? '';
    if (!name.startsWith('__')) names.add(name);
  }
  return [...names];
}
