#!/usr/bin/env node
// `npx tco …`: run the TypeScript CLI through tsx (no build step).
require('tsx/cjs');
require('../clients/cli/main.ts');
