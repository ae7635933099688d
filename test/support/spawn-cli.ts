import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../simulator/cli/bin.js', import.meta.url));

/** A `ssbtek-sim start` child process, once it says it is running. */
export interface SpawnedSimulator {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** The SOAP endpoint it printed. */
  soapUrl: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string | null>;
}

/** Starts the installed bin with `args` (add `--port 0`) and waits until it prints its endpoints. */
export async function spawnSimulator(args: string[], timeoutMs = 20_000): Promise<SpawnedSimulator> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  child.stdout.on('data', (d: Buffer) => void (seen += d.toString()));
  child.stderr.on('data', (d: Buffer) => void (seen += d.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const soapUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the simulator did not start within ${timeoutMs} ms:\n${seen}`)), timeoutMs);
    const check = (): void => {
      const m = /SOAP endpoint\s+(\S+)/.exec(seen);
      if (m?.[1] !== undefined && seen.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited (${String(code)}) before it was running:\n${seen}`));
    });
  });
  return { child, soapUrl, output: () => seen, exited };
}
