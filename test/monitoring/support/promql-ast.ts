/** Facts about a PromQL expression read from the lezer-promql syntax tree. */
import { parser } from '@prometheus-io/lezer-promql';

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

export interface PromqlFacts {
  /** Node names of parse errors (empty when the expression parses). */
  readonly errors: string[];
  readonly metrics: string[];
  readonly functions: string[];
  /** Metric name -> the function whose range argument it is (e.g. last_over_time), or null. */
  readonly rangeFunctionOf: ReadonlyArray<readonly [metric: string, fn: string | null]>;
}

function text(expr: string, node: SyntaxNode): string {
  return expr.slice(node.from, node.to);
}

/** The function a vector selector is the range argument of: `f(x[1d])`, `f(x[1d] offset 1d)`. */
function enclosingRangeFunction(expr: string, selector: SyntaxNode): string | null {
  let node = selector.parent;
  if (node === null || node.name !== 'MatrixSelector') return null;
  node = node.parent;
  if (node !== null && node.name === 'OffsetExpr') node = node.parent;
  if (node === null || node.name !== 'FunctionCallBody') return null;
  const call = node.parent;
  const identifier = call?.getChild('FunctionIdentifier');
  return identifier === null || identifier === undefined ? null : text(expr, identifier);
}

export function analysePromql(expr: string): PromqlFacts {
  const tree = parser.parse(expr);
  const facts: PromqlFacts = { errors: [], metrics: [], functions: [], rangeFunctionOf: [] };
  const rangeFunctionOf: Array<readonly [string, string | null]> = [];
  tree.iterate({
    enter: (ref) => {
      if (ref.type.isError) facts.errors.push(`parse error at ${ref.from}: "${expr.slice(ref.from, ref.from + 20)}"`);
      if (ref.name === 'FunctionIdentifier') facts.functions.push(expr.slice(ref.from, ref.to));
      if (ref.name === 'VectorSelector') {
        const node = ref.node;
        const identifier = node.getChild('Identifier');
        if (identifier !== null) {
          const metric = text(expr, identifier);
          facts.metrics.push(metric);
          rangeFunctionOf.push([metric, enclosingRangeFunction(expr, node)]);
        }
      }
    },
  });
  return { ...facts, rangeFunctionOf };
}
