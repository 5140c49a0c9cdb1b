/** The DASMO dashboards, each with the file it is committed to under dashboards/. */
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { applicationsDashboard } from './applications';
import { exporterDashboard } from './exporter';
import { overviewDashboard } from './overview';
import { sr41Dashboard } from './sr41';

interface GeneratedDashboard {
  readonly file: string;
  readonly model: dashboard.Dashboard;
}

export function dashboards(): GeneratedDashboard[] {
  return [
    { file: 'dashboards/dasmo-panoramica.json', model: overviewDashboard() },
    { file: 'dashboards/dasmo-domande.json', model: applicationsDashboard() },
    { file: 'dashboards/dasmo-sr41.json', model: sr41Dashboard() },
    { file: 'dashboards/dasmo-esportatore.json', model: exporterDashboard() },
  ];
}
