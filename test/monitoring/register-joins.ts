/**
 * How an expression reads the office register (`dasmo_office_info`). A renamed office keeps its
 * old series in `last_over_time(...[26h])` for a day, so every read must reduce the register
 * to the latest names of each office or region (promql.ts `latestRegister`):
 *
 *   topk by (<level>) (1,
 *     max by (<level>, ...) (last_over_time(dasmo_office_info{...}[<window 1>]))
 *     or on (<level>) ... (the windows of config.registerWindows, then config.sampleLookback))
 *
 * and every `group_left` join on it must match on that same level. A daily trend reads the same
 * windows, the last one a day, each `offset -2d` (the point's day's names).
 */
import { parser } from '@prometheus-io/lezer-promql';
import { config } from '../../monitoring/config';

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

const REGISTER = 'dasmo_office_info';
const WINDOWS = [...config.registerWindows, config.sampleLookback];
const TREND_WINDOWS = [...config.registerWindows, '1d'].map((window) => `${window} offset -2d`);

function text(expr: string, node: SyntaxNode): string {
  return expr.slice(node.from, node.to);
}

function groupingLabels(expr: string, node: SyntaxNode | null | undefined): string[] {
  if (node === null || node === undefined) return [];
  return node.getChildren('LabelName').map((label) => text(expr, label));
}

/** The node, skipping parentheses upwards. */
function unparenthesised(node: SyntaxNode | null): SyntaxNode | null {
  let current = node;
  while (current !== null && current.name === 'ParenExpr') current = current.parent;
  return current;
}

/** The function call or aggregation whose argument list holds `node`. */
function enclosingCall(node: SyntaxNode): SyntaxNode | null {
  const body = unparenthesised(node.parent);
  if (body === null || body.name !== 'FunctionCallBody') return null;
  return body.parent;
}

function callName(expr: string, call: SyntaxNode | null): string {
  if (call === null) return '';
  const identifier = call.getChild('FunctionIdentifier') ?? call.getChild('AggregateOp');
  return identifier === null ? '' : text(expr, identifier);
}

interface RegisterRead {
  readonly window: string;
  /** The topk that reduces this read, keyed by its position in the expression. */
  readonly topk: number;
}

/** The read of the register at `selector`, or why it is not the latest-register pattern. */
function registerRead(expr: string, selector: SyntaxNode): RegisterRead | string {
  const range = unparenthesised(selector.parent);
  const duration = range?.getChild('DurationExpr');
  if (range === null || range.name !== 'MatrixSelector' || duration === null || duration === undefined) {
    return 'not read through last_over_time';
  }
  const offset = unparenthesised(range.parent);
  const shifted = offset?.name === 'OffsetExpr' ? offset : null;
  const window = `${text(expr, duration)}${shifted === null ? '' : ` offset ${text(expr, shifted).split(/\boffset\s+/).pop() ?? ''}`}`;
  const last = enclosingCall(shifted ?? range);
  if (callName(expr, last) !== 'last_over_time' || last === null) return 'not read through last_over_time';
  const perLabels = enclosingCall(last);
  if (callName(expr, perLabels) !== 'max' || perLabels === null) return 'last_over_time not grouped by max by (...)';
  const level = groupingLabels(expr, perLabels.getChild('AggregateModifier')?.getChild('GroupingLabels'))[0] ?? '';
  let node: SyntaxNode = perLabels;
  let parent = unparenthesised(node.parent);
  while (parent !== null && parent.name === 'BinaryExpr') {
    const on = groupingLabels(expr, parent.getChild('MatchingModifierClause')?.getChild('GroupingLabels'));
    if (parent.getChild('Or') === null || on.length !== 1 || on[0] !== level) {
      return `windows not chained by "or on (${level})"`;
    }
    node = parent;
    parent = unparenthesised(node.parent);
  }
  const latest = enclosingCall(node);
  if (callName(expr, latest) !== 'topk' || latest === null) return 'not reduced by topk';
  const by = groupingLabels(expr, latest.getChild('AggregateModifier')?.getChild('GroupingLabels'));
  const keep = latest.getChild('FunctionCallBody')?.firstChild;
  if (by.length !== 1 || by[0] !== level || keep === null || keep === undefined || text(expr, keep) !== '1') {
    return `not topk by (${level}) (1, ...): topk by (${by.join(', ')})`;
  }
  return { window, topk: latest.from };
}

/** Every `group_left` join whose right side reads the register must match on its topk level. */
function joinProblems(expr: string, tree: ReturnType<typeof parser.parse>): string[] {
  const problems: string[] = [];
  tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'BinaryExpr') return;
      const modifier = ref.node.getChild('MatchingModifierClause');
      if (modifier === null || modifier.getChild('GroupLeft') === null) return;
      const right = ref.node.lastChild;
      const rightText = right === null ? '' : text(expr, right);
      if (!rightText.includes(REGISTER)) return;
      const on = groupingLabels(expr, modifier.getChild('GroupingLabels'));
      const level = /topk by \((\w+)\) \(1,/.exec(rightText)?.[1];
      if (on.length !== 1 || on[0] !== level) {
        problems.push(`group_left on (${on.join(', ')}) joins a register reduced by ${level ?? 'nothing'}`);
      }
    },
  });
  return problems;
}

/** Problems of the expression's reads of dasmo_office_info; empty when none or all are safe. */
export function registerReadProblems(expr: string): string[] {
  const tree = parser.parse(expr);
  const problems: string[] = [];
  const windowsByTopk = new Map<number, string[]>();
  tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'VectorSelector') return;
      const identifier = ref.node.getChild('Identifier');
      if (identifier === null || text(expr, identifier) !== REGISTER) return;
      const read = registerRead(expr, ref.node);
      if (typeof read === 'string') problems.push(`${text(expr, ref.node)}: ${read}`);
      else windowsByTopk.set(read.topk, [...(windowsByTopk.get(read.topk) ?? []), read.window]);
    },
  });
  for (const windows of windowsByTopk.values()) {
    if (windows.join(', ') !== WINDOWS.join(', ') && windows.join(', ') !== TREND_WINDOWS.join(', ')) {
      problems.push(`register read over [${windows.join(', ')}], not [${WINDOWS.join(', ')}] (or [${TREND_WINDOWS.join(', ')}]) in that order`);
    }
  }
  return [...problems, ...joinProblems(expr, tree)];
}
