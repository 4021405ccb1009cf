#!/usr/bin/env node
// The CLI is TypeScript run as source, like every package here: tsx compiles it on the fly in this process,
// so Ctrl-C and the exit code reach the CLI itself rather than a wrapper.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
