import { rmSync } from 'node:fs';
import { createClient, type KontorClient } from '../../shared/client.ts';
import { createInProcessTransport } from '../../electron/core/inProcessTransport.ts';
import { openKontor, type Kontor } from '../../electron/core/kontor.ts';
import { memoryLogger } from '../../electron/core/logger.ts';
import { makeTempDir } from './tempDir.ts';

export { makeTempDir };

export interface TestKontor {
  kontor: Kontor;
  client: KontorClient;
  dataDir: string;
  log: ReturnType<typeof memoryLogger>;
  close(): Promise<void>;
}

/** A fresh data directory and core per test; `close` removes both. */
export async function openTestKontor(dataDir = makeTempDir()): Promise<TestKontor> {
  const log = memoryLogger();
  const kontor = await openKontor({ dataDir, appVersion: '0.0.0-test', mode: 'test', log });
  return {
    kontor,
    client: createClient(createInProcessTransport(kontor)),
    dataDir,
    log,
    async close() {
      await kontor.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
