#!/usr/bin/env node
// Entry point of the ssbtek-harness command: runs the TypeScript CLI through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
const code = await main(process.argv.slice(2));
if (code !== 0) process.exit(code);
