#!/usr/bin/env node
// The `webtrace-export` command: runs exporter/main.ts (TypeScript, through tsx like the server).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../exporter/main.ts');
process.exit(await main(process.argv.slice(2)));
