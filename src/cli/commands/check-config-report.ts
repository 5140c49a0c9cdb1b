import { SOURCE_NAMES, type SourceName } from '../../snapshot/source-table';
import { type ContractProblem, contractProblemText } from '../../sources/source-contract';

/** What check-config found wrong with one source. */
export type SourceFinding =
  | { readonly source: SourceName; readonly contract: ContractProblem }
  /** A driver error (cannot connect, query failed), already redacted, without the source's name. */
  | { readonly source: SourceName; readonly error: string };

/** Sources failing with the same text, or relations missing from the same database. */
type Group =
  | { readonly kind: 'text'; readonly text: string; readonly sources: SourceName[] }
  | { readonly kind: 'missing'; readonly where: string; readonly relations: string[] };

function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function sourcesLabel(sources: readonly SourceName[]): string {
  return `${listed(sources)} ${sources.length === 1 ? 'source' : 'sources'}`;
}

function missingRelationsLine(where: string, relations: readonly string[]): string {
  const what = relations.length === 1 ? `relation ${relations[0]} is` : `relations ${listed(relations)} are`;
  const demo = relations.length === SOURCE_NAMES.length ? ', or write demo data into DASMO_DATABASE_URL with npx dasmo-exporter demo-data' : '';
  return (
    `${what} missing (or not readable) in ${where}: create ${relations.length === 1 ? 'it' : 'them'} from schema/dasmo.sql ` +
    `(or as views over your tables, docs/source-contract.md)${demo}`
  );
}

function textOf(finding: SourceFinding): string | undefined {
  if ('error' in finding) return finding.error;
  return finding.contract.kind === 'missing_relation' ? undefined : contractProblemText(finding.contract);
}

/**
 * One line per distinct problem, in source order: sources that fail the same way (one
 * database for all and a wrong password, say) share a line, and relations missing from the
 * same database are named together with how to create them.
 */
export function problemLines(findings: readonly SourceFinding[]): string[] {
  const groups = new Map<string, Group>();
  for (const finding of findings) {
    const text = textOf(finding);
    if (text !== undefined) {
      const group = groups.get(`text\u0000${text}`) ?? { kind: 'text', text, sources: [] };
      if (group.kind === 'text') group.sources.push(finding.source);
      groups.set(`text\u0000${text}`, group);
    } else if ('contract' in finding) {
      const { where, relation } = finding.contract;
      const group = groups.get(`missing\u0000${where}`) ?? { kind: 'missing', where, relations: [] };
      if (group.kind === 'missing') group.relations.push(relation);
      groups.set(`missing\u0000${where}`, group);
    }
  }
  return [...groups.values()].map((group) =>
    group.kind === 'text' ? `${sourcesLabel(group.sources)}: ${group.text}` : missingRelationsLine(group.where, group.relations),
  );
}
