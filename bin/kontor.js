#!/usr/bin/env node
// Node runs the TypeScript sources directly (type stripping); there is no build step for the CLI.
import '../electron/cli/kontor.ts';
