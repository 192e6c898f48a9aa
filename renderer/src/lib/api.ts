import { createClient, type KontorClient } from '../../../shared/client.ts';
import { pickTransport } from '../transport/index.ts';

let client: KontorClient | undefined;

/**
 * The window's one client. Created on first use (in main.tsx, before React renders) so browser
 * mode's transport reads its `#secret=` from the URL before the router rewrites the hash.
 */
export function getClient(): KontorClient {
  client ??= createClient(pickTransport());
  return client;
}
