import { join } from 'node:path';

/** Where exports go when no path is given: `<dataDir>/exports`. */
export function exportsDirIn(dataDir: string): string {
  return join(dataDir, 'exports');
}
