/**
 * The global state the Grafana app sets up at boot (public/app/app.ts) and Grafana 12
 * dashboards run with: the standard transformers and the standard field options registered
 * in @grafana/data's registries, a theme, and the "inside a scene" flag. Importing this
 * module does it once; `setupGrafana()` may be called any number of times.
 */
import './dom';
import {
  FieldConfigOptionsRegistry,
  createTheme,
  standardFieldConfigEditorRegistry,
  standardTransformers,
  standardTransformersRegistry,
  type DataTransformerInfo,
  type GrafanaTheme2,
  type TransformerRegistryItem,
} from '@grafana/data';
import { customPassthroughItems, standardFieldConfigItems, type CustomOptionsSource } from './standard-field-config';

/** Grafana's default theme (dark); only colours depend on it, never texts or links. */
export const theme: GrafanaTheme2 = createTheme();

/** The standard field options, as every panel plugin's registry starts. */
export const fieldConfigRegistry = new FieldConfigOptionsRegistry(standardFieldConfigItems);

/** A panel's registry: the standard options plus the `custom.*` options its field config sets. */
export function panelFieldConfigRegistry(fieldConfig: CustomOptionsSource | undefined): FieldConfigOptionsRegistry {
  return new FieldConfigOptionsRegistry(() => [...standardFieldConfigItems(), ...customPassthroughItems(fieldConfig)]);
}

/**
 * Grafana's getStandardTransformers() (public/app/features/transformers/standardTransformers.ts)
 * wraps each transformer of @grafana/data's `standardTransformers` in a registry item; the
 * editor and images are UI only. `seriesToColumnsTransformer` is an alias of joinByField and
 * is registered once.
 */
function transformerItems(): TransformerRegistryItem[] {
  const byId = new Map<string, DataTransformerInfo>();
  for (const info of Object.values<DataTransformerInfo>(standardTransformers)) {
    if (!byId.has(info.id)) byId.set(info.id, info);
  }
  return [...byId.values()].map((info) => ({
    id: info.id,
    name: info.name,
    description: info.description,
    transformation: info,
    editor: () => null,
    imageDark: '',
    imageLight: '',
  }));
}

let done = false;

export function setupGrafana(): void {
  if (done) return;
  done = true;
  try {
    standardTransformersRegistry.setInit(transformerItems);
    standardFieldConfigEditorRegistry.setInit(standardFieldConfigItems);
  } catch (error) {
    throw new Error(
      `@grafana/data's registries were used before test/monitoring/support/grafana/setup.ts ran: ${String(error)}`,
    );
  }
  // transformations/transformDataFrame.ts skips its own interpolation of the options when
  // this is set, as in Grafana 12, where SceneDataTransformer has already interpolated them.
  // (`window` is jsdom's, installed by ./dom; this project's TypeScript has no DOM types.)
  const browserWindow: unknown = Reflect.get(globalThis, 'window');
  if (typeof browserWindow !== 'object' || browserWindow === null) throw new Error('./dom did not install window');
  Reflect.set(browserWindow, '__grafanaSceneContext', { origin: 'test/monitoring/support/grafana/setup.ts' });
}

setupGrafana();
