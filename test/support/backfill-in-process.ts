import { main } from '../../src/cli/main';

/** `dasmo-exporter backfill ...` run in this process, as a user runs it: its exit code and all it wrote to stderr. */
export async function backfillInProcess(args: readonly string[], env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await main(['backfill', ...args], env);
    return { code: Number(process.exitCode ?? 0), stderr: written.join('') };
  } finally {
    spy.mockRestore();
    process.exitCode = undefined;
  }
}
