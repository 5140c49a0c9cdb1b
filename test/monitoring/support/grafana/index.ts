/**
 * "What Grafana 12.4.3 shows", computed in Node with @grafana/data 12.4.3: the entry point
 * for the live harness. ./setup (and through it ./dom) runs first.
 */
import './setup';

export { ALL_VARIABLE_VALUE, type DashboardContext, type VariableDefinition, type VariableSelection } from './dashboard-context';
export { dashboardLinks, type DashboardLinkView, type LinkPlacement, type LinkTarget } from './dashboard-links';
export { dashboardSlug } from './dashboard-slug';
export { followDashboardLink, type FollowedLink } from './follow-link';
export { createInterpolator } from './interpolate';
export type { RenderablePanel } from './panel-json';
export { panelFramesFromPrometheus, type PrometheusTarget, type PrometheusTargetResult } from './prometheus-frames';
export {
  panelReduction,
  renderPanel,
  type FieldView,
  type FrameView,
  type LinkView,
  type ReducedValueView,
  type RenderedPanel,
} from './render-panel';
export { fieldConfigRegistry, setupGrafana, theme } from './setup';
