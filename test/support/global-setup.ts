import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Before any test file runs: one `ssbtek-sim --help` through the bin, so the start-up bundle of the tree
 * under test is built once (a few seconds) instead of by several test files that spawn the bin at the
 * same moment, each of which would otherwise build its own while the others wait on their timeouts.
 */
export default function setup(): void {
  const bin = fileURLToPath(new URL('../../simulator/cli/bin.js', import.meta.url));
  execFileSync(process.execPath, [bin, '--help'], { stdio: 'ignore', timeout: 120_000 });
}
