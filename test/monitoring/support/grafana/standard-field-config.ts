/**
 * The standard field options every Grafana panel has, as the Grafana app registers them at
 * boot (grafana/grafana public/app/core/components/OptionsUI/registry.tsx,
 * getAllStandardFieldConfigs; registered in public/app/app.ts). @grafana/data ships the
 * empty registry and the processors, not the list, because each item there carries a React
 * editor. This is our own list of the options DASMO's dashboards use, with the behaviour
 * applyFieldOverrides needs: id, path, processor, settings and which fields it applies to.
 * Editors are never rendered here, so a component that renders nothing stands in.
 *
 * Panel plugins add their own `custom.*` options; `customPassthroughItems` registers, as
 * plain values, the ones a panel's field config mentions, so that they reach field.config.
 */
import './dom';
import {
  FieldType,
  booleanOverrideProcessor,
  dataLinksOverrideProcessor,
  displayNameOverrideProcessor,
  identityOverrideProcessor,
  numberOverrideProcessor,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  valueMappingsOverrideProcessor,
  type Field,
  type FieldConfigPropertyItem,
} from '@grafana/data';

type Processor = FieldConfigPropertyItem['process'];

interface StandardOption {
  readonly id: string;
  readonly process: Processor;
  readonly appliesTo?: (field: Field) => boolean;
  readonly settings?: Record<string, unknown>;
  readonly hideFromDefaults?: boolean;
}

const noEditor = (): null => null;
const everyField = (): boolean => true;
const numberFields = (field: Field): boolean => field.type === FieldType.number;

const STANDARD_OPTIONS: readonly StandardOption[] = [
  { id: 'unit', process: stringOverrideProcessor },
  { id: 'min', process: numberOverrideProcessor, appliesTo: numberFields },
  { id: 'max', process: numberOverrideProcessor, appliesTo: numberFields },
  { id: 'decimals', process: numberOverrideProcessor, appliesTo: numberFields },
  // expandTemplateVars: the display name is interpolated with the field's scoped variables.
  { id: 'displayName', process: displayNameOverrideProcessor, settings: { expandTemplateVars: true } },
  { id: 'color', process: identityOverrideProcessor, settings: { byValueSupport: true, preferThresholdsMode: true } },
  { id: 'noValue', process: stringOverrideProcessor },
  { id: 'links', process: dataLinksOverrideProcessor },
  { id: 'mappings', process: valueMappingsOverrideProcessor, appliesTo: (field) => field.type !== FieldType.time },
  { id: 'thresholds', process: thresholdsOverrideProcessor },
  { id: 'filterable', process: booleanOverrideProcessor, hideFromDefaults: true },
];

function registryItem(option: StandardOption, isCustom: boolean, path: string): FieldConfigPropertyItem {
  return {
    id: option.id,
    path,
    name: option.id,
    isCustom,
    editor: noEditor,
    override: noEditor,
    process: option.process,
    shouldApply: option.appliesTo ?? everyField,
    settings: option.settings ?? {},
    hideFromDefaults: option.hideFromDefaults,
  };
}

export function standardFieldConfigItems(): FieldConfigPropertyItem[] {
  return STANDARD_OPTIONS.map((option) => registryItem(option, false, option.id));
}

/** The part of a panel's `fieldConfig` that names custom options. */
export interface CustomOptionsSource {
  readonly defaults?: { readonly custom?: Readonly<Record<string, unknown>> };
  readonly overrides?: readonly { readonly properties: readonly { readonly id: string }[] }[];
}

/**
 * `custom.<path>` items for every custom option the panel sets: each top-level key of
 * `defaults.custom` and each `custom.*` override id (e.g. the table's `custom.hideFrom.viz`).
 */
export function customPassthroughItems(fieldConfig: CustomOptionsSource | undefined): FieldConfigPropertyItem[] {
  const paths = new Set(Object.keys(fieldConfig?.defaults?.custom ?? {}));
  for (const override of fieldConfig?.overrides ?? []) {
    for (const property of override.properties) {
      if (property.id.startsWith('custom.')) paths.add(property.id.slice('custom.'.length));
    }
  }
  return [...paths].map((path) =>
    registryItem({ id: `custom.${path}`, process: identityOverrideProcessor }, true, path),
  );
}
