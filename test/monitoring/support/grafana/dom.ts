/**
 * A browser-like global scope for @grafana/data, which reads `window`, `document` and
 * `navigator` as it loads. global-jsdom copies onto the global object only the jsdom
 * properties Node does not define itself, so Node's `fetch`, `URL`, `TextEncoder`, timers
 * and `AbortController` stay; `fetch` is checked anyway, because the live harness needs
 * Node's and this module must not take it away.
 *
 * It also marks i18next's support notice (printed when @grafana/data initialises its
 * translations) as already shown, through the global flag i18next reads for that.
 *
 * Every module of this library that imports @grafana/data imports this one first.
 */
import installJsdomGlobals from 'global-jsdom';

const nodeFetch = globalThis.fetch;
installJsdomGlobals(); // once per module registry: this module body runs once
if (globalThis.fetch !== nodeFetch) globalThis.fetch = nodeFetch;
Reflect.set(globalThis, '__i18next_supportNoticeShown', true);
