import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { at } from '../../../src/common/checked-index';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Info strings of fenced blocks that hold shell commands. */
export const SHELL_LANGUAGES = ['sh', 'bash', 'shell', 'console'];

export interface FencedBlock {
  readonly file: string;
  readonly language: string;
  readonly body: string;
}

/** README.md and docs/*.md, relative to the repository. */
export function documentationFiles(): string[] {
  const docs = readdirSync(join(REPO_ROOT, 'docs')).filter((name) => name.endsWith('.md')).sort();
  return ['README.md', ...docs.map((name) => `docs/${name}`)];
}

export function fencedBlocks(file: string): FencedBlock[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  return [...text.matchAll(/^(`{3,}|~{3,})([^\n`]*)\n([\s\S]*?)^\1[ \t]*$/gm)].map((match) => ({
    file,
    language: at(match, 2).trim().split(/\s+/)[0] ?? '',
    body: at(match, 3),
  }));
}

/** The line without a trailing `# comment` (a # after whitespace, outside quotes). */
export function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const c = at(line, i);
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i += 1;
      else if (c === quote) quote = undefined;
    } else if (c === '\\') {
      i += 1;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(at(line, i - 1)))) {
      return line.slice(0, i).trimEnd();
    }
  }
  return line.trimEnd();
}

/**
 * The commands of a shell block: one per line, backslash continuations joined with one space,
 * comments and blank lines dropped; in `console` blocks only the lines after a `$ ` prompt.
 */
export function commandsOf(block: FencedBlock): string[] {
  let lines = block.body.split('\n');
  if (block.language === 'console') lines = lines.filter((line) => line.startsWith('$ ')).map((line) => line.slice(2));
  const commands: string[] = [];
  let pending = '';
  for (const raw of lines) {
    const line = withoutComment(raw).trim();
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    const command = `${pending}${line}`.trim();
    pending = '';
    if (command !== '') commands.push(command);
  }
  if (pending.trim() !== '') commands.push(pending.trim());
  return commands;
}

export interface DocumentedCommand {
  readonly command: string;
  readonly files: string[];
}

/** Every shell command of the documentation, with the files that show it. */
export function documentedCommands(): DocumentedCommand[] {
  const found = new Map<string, string[]>();
  for (const file of documentationFiles()) {
    for (const block of fencedBlocks(file).filter((b) => SHELL_LANGUAGES.includes(b.language))) {
      for (const command of commandsOf(block)) {
        const files = found.get(command) ?? [];
        if (!files.includes(file)) files.push(file);
        found.set(command, files);
      }
    }
  }
  return [...found].map(([command, files]) => ({ command, files }));
}
