/** The core logs through this so the shell decides where lines go (console, file, nowhere in tests). */
export interface Logger {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export const consoleLogger: Logger = {
  info: (m, ...d) => console.info(`[kontor] ${m}`, ...d),
  warn: (m, ...d) => console.warn(`[kontor] ${m}`, ...d),
  error: (m, ...d) => console.error(`[kontor] ${m}`, ...d),
};

/** Keeps lines in memory, for tests that assert what was (or was not) logged. */
export function memoryLogger(): Logger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  return {
    lines,
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
}

/** For services built without a logger (tests that assemble handlers by hand). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
