/** One stage of long-running work telling how far it got. */
export interface ProgressStage {
  advance(by?: number): void;
  finish(): void;
}

/**
 * Starts reporting a stage of `total` steps under `label`. The CLI passes one that draws a bar
 * on a TTY (cli/progress.ts); work run without it reports nothing.
 */
export type OnProgress = (label: string, total: number) => ProgressStage;
