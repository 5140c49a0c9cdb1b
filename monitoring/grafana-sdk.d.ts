/**
 * The foundation SDK publishes its entry points only through package.json "exports", which
 * the repository's `moduleResolution: node` does not read. These declarations point the
 * type checker at the same files Node loads at run time.
 */
declare module '@grafana/grafana-foundation-sdk/alerting' {
  export * from '@grafana/grafana-foundation-sdk/dist/alerting';
}
declare module '@grafana/grafana-foundation-sdk/bargauge' {
  export * from '@grafana/grafana-foundation-sdk/dist/bargauge';
}
declare module '@grafana/grafana-foundation-sdk/cog' {
  export * from '@grafana/grafana-foundation-sdk/dist/cog';
}
declare module '@grafana/grafana-foundation-sdk/common' {
  export * from '@grafana/grafana-foundation-sdk/dist/common';
}
declare module '@grafana/grafana-foundation-sdk/dashboard' {
  export * from '@grafana/grafana-foundation-sdk/dist/dashboard';
}
declare module '@grafana/grafana-foundation-sdk/expr' {
  export * from '@grafana/grafana-foundation-sdk/dist/expr';
}
declare module '@grafana/grafana-foundation-sdk/prometheus' {
  export * from '@grafana/grafana-foundation-sdk/dist/prometheus';
}
declare module '@grafana/grafana-foundation-sdk/stat' {
  export * from '@grafana/grafana-foundation-sdk/dist/stat';
}
declare module '@grafana/grafana-foundation-sdk/table' {
  export * from '@grafana/grafana-foundation-sdk/dist/table';
}
declare module '@grafana/grafana-foundation-sdk/timeseries' {
  export * from '@grafana/grafana-foundation-sdk/dist/timeseries';
}
