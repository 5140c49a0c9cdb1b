/**
 * Reads `a.b`, `a[0]`, `a["b c"]` paths from an object, as lodash `property(path)` does for
 * the field paths of `${__data.fields.region}`, `${__field.labels.region}` and scoped
 * variables (grafana/scenes packages/scenes/src/variables/interpolation/fieldAccessorCache.ts).
 * Objects may be Proxies (@grafana/data's getFieldDisplayValuesProxy): only `get` is used.
 */
const PATH_SEGMENT = /\[\s*(["'])(.*?)\1\s*\]|\[\s*([^\]]*?)\s*\]|([^.[\]]+)/g;

function pathSegments(path: string): string[] {
  const segments: string[] = [];
  for (const match of path.matchAll(PATH_SEGMENT)) {
    segments.push(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return segments;
}

export function readPath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const segment of pathSegments(path)) {
    if (current === null || current === undefined) return undefined;
    current = Reflect.get(Object(current), segment);
  }
  return current;
}
