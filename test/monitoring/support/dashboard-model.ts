/** Read-only views over the committed dashboard JSON, independent of the generator's types. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest folder above this file holding package.json: also right when compiled into dist-bench/ for the benchmarks. */
function repositoryRoot(): string {
  let folder = __dirname;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${__dirname}`);
    folder = parent;
  }
  return folder;
}

export const REPO_ROOT = repositoryRoot();

export interface TargetJson {
  readonly refId?: string;
  readonly expr?: string;
  readonly instant?: boolean;
  readonly range?: boolean;
  readonly format?: string;
  readonly legendFormat?: string;
  readonly datasource?: { readonly type?: string; readonly uid?: string };
}

export interface PanelJson {
  readonly id?: number;
  readonly type: string;
  readonly title?: string;
  readonly description?: string;
  readonly datasource?: { readonly type?: string; readonly uid?: string };
  readonly targets?: readonly TargetJson[];
  readonly panels?: readonly PanelJson[];
  readonly gridPos?: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly interval?: string;
  readonly maxDataPoints?: number;
  readonly transformations?: readonly { readonly id: string; readonly options?: unknown }[];
  readonly options?: Readonly<Record<string, unknown>>;
  readonly fieldConfig?: {
    readonly defaults?: {
      readonly unit?: string;
      readonly noValue?: string;
      readonly links?: readonly { readonly title?: string; readonly url?: string }[];
      readonly thresholds?: { readonly steps?: readonly { readonly value: number | null; readonly color: string }[] };
    };
    readonly overrides?: readonly {
      readonly matcher: { readonly id: string; readonly options?: unknown };
      readonly properties: readonly { readonly id: string; readonly value?: unknown }[];
    }[];
  };
}

export interface VariableJson {
  readonly name: string;
  readonly type: string;
  readonly query?: string | { readonly query?: string };
  readonly regex?: string;
  readonly allValue?: string;
  readonly includeAll?: boolean;
  readonly options?: readonly { readonly text: string; readonly value: string }[];
  readonly current?: { readonly text?: string; readonly value?: string };
}

export interface DashboardJson {
  readonly uid: string;
  readonly title: string;
  readonly panels: readonly PanelJson[];
  readonly templating: { readonly list: readonly VariableJson[] };
  readonly tags?: readonly string[];
  readonly time?: { readonly from: string; readonly to: string };
  readonly timezone?: string;
  readonly links?: readonly DashboardLinkJson[];
}

export interface DashboardLinkJson {
  readonly type?: string;
  readonly title?: string;
  readonly tooltip?: string;
  readonly url?: string;
  readonly tags?: readonly string[];
  readonly asDropdown?: boolean;
  readonly includeVars?: boolean;
  readonly keepTime?: boolean;
  readonly targetBlank?: boolean;
  readonly placement?: string;
}

export interface DashboardFile {
  readonly file: string;
  readonly model: DashboardJson;
}

export function committedDashboards(): DashboardFile[] {
  const dir = join(REPO_ROOT, 'dashboards');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({
      file: `dashboards/${name}`,
      model: JSON.parse(readFileSync(join(dir, name), 'utf8')) as DashboardJson,
    }));
}

/** Every panel that is not a row, including panels nested in collapsed rows. */
export function leafPanels(model: DashboardJson): PanelJson[] {
  const out: PanelJson[] = [];
  const visit = (panels: readonly PanelJson[]): void => {
    for (const panel of panels) {
      if (panel.type === 'row') visit(panel.panels ?? []);
      else out.push(panel);
    }
  };
  visit(model.panels);
  return out;
}

export function variableQuery(variable: VariableJson): string {
  if (typeof variable.query === 'string') return variable.query;
  return variable.query?.query ?? '';
}
