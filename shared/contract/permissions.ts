/**
 * Who may make which call. The dispatcher enforces this before it even parses the input, so a
 * refused call changes nothing; the UI only hides what a role cannot use.
 *
 * Resolution, first match wins: an explicit override for the exact call name, then the longest
 * prefix rule: 'read' when the call's last word is one of its read verbs (→ 'read'), then that rule's write
 * permission. A call no rule covers has no permission and is refused for everyone, and
 * tests/shared/permissions.test.ts lists every call, so a new call fails the test until it is
 * classified here.
 */
export const ROLES = ['owner', 'staff', 'accountant'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Anyone, signed in or not: what the sign-in screen itself needs. */
  'public',
  /** Any signed-in person, for their own things (interface language, own password). */
  'self',
  'read',
  'catalog.write',
  'stock.write',
  'contacts.write',
  'documents.draft',
  'documents.post',
  'ledger.export',
  /** Manual journal entries, reversals, the chart of accounts and its posting map. */
  'ledger.write',
  'period.close',
  'imports.run',
  'uploads.run',
  'backup.run',
  'backup.restore',
  'audit.read',
  'settings.write',
  'credentials',
  'users.manage',
  'data.manage',
  'updates.install',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(PERMISSIONS),
  staff: new Set<Permission>(['public', 'self', 'read', 'catalog.write', 'stock.write', 'contacts.write', 'documents.draft', 'imports.run', 'uploads.run', 'backup.run', 'updates.install']),
  accountant: new Set<Permission>(['public', 'self', 'read', 'ledger.export', 'ledger.write', 'period.close', 'documents.post', 'backup.run', 'audit.read', 'updates.install']),
};

interface PrefixRule {
  prefix: string;
  /** Last words of call names under the prefix that only read. */
  read: readonly string[];
  /** What every other call under the prefix needs. */
  write: Permission;
}

const READ_VERBS = ['get', 'list', 'search', 'status', 'info', 'lookupCode', 'getBySku', 'getImage', 'getLogo', 'levels', 'movements', 'valuation', 'onHandAt', 'lowStock', 'preview', 'export',
  // Reads of the areas merged after the first list: views, reports and documents already issued.
  'thumbnails', 'facets', 'snapshot', 'duplicates', 'duplicatePairs', 'timeline', 'journal', 'trialBalance', 'aging', 'statement',
  'pdf', 'previewHtml', 'platforms', 'items', 'grid', 'summary'];

const RULES: readonly PrefixRule[] = [
  { prefix: 'catalog.', read: READ_VERBS, write: 'catalog.write' },
  { prefix: 'catalog.languages.', read: READ_VERBS, write: 'settings.write' },
  { prefix: 'products.', read: READ_VERBS, write: 'catalog.write' },
  { prefix: 'warehouses.', read: READ_VERBS, write: 'stock.write' },
  { prefix: 'locations.', read: READ_VERBS, write: 'stock.write' },
  { prefix: 'stock.', read: READ_VERBS, write: 'stock.write' },
  { prefix: 'stock.settings.', read: READ_VERBS, write: 'settings.write' },
  { prefix: 'stocktake.', read: READ_VERBS, write: 'stock.write' },
  { prefix: 'company.', read: READ_VERBS, write: 'settings.write' },
  { prefix: 'jobs.', read: READ_VERBS, write: 'data.manage' },
  { prefix: 'backup.', read: READ_VERBS, write: 'settings.write' },
  { prefix: 'audit.', read: [], write: 'audit.read' },
  { prefix: 'users.', read: [], write: 'users.manage' },
  { prefix: 'updates.', read: READ_VERBS, write: 'settings.write' },
  { prefix: 'contacts.', read: READ_VERBS, write: 'contacts.write' },
  // Drafting is staff work; what makes a document legal or moves money is posting.
  { prefix: 'invoices.', read: READ_VERBS, write: 'documents.draft' },
  { prefix: 'invoices.payments.', read: READ_VERBS, write: 'documents.post' },
  { prefix: 'documents.', read: READ_VERBS, write: 'documents.draft' },
  { prefix: 'ledger.', read: READ_VERBS, write: 'ledger.export' },
  { prefix: 'ledger.chart.', read: READ_VERBS, write: 'ledger.write' },
  { prefix: 'ledger.accounts.', read: READ_VERBS, write: 'ledger.write' },
  { prefix: 'ledger.mapping.', read: READ_VERBS, write: 'ledger.write' },
  { prefix: 'ledger.entries.', read: READ_VERBS, write: 'ledger.write' },
  { prefix: 'ledger.lock.', read: READ_VERBS, write: 'period.close' },
  { prefix: 'dashboard.', read: READ_VERBS, write: 'settings.write' },
  { prefix: 'imports.', read: READ_VERBS, write: 'imports.run' },
  // Staff run uploads; only who may hold the shop's keys adds or changes an account.
  { prefix: 'marketplaces.', read: READ_VERBS, write: 'uploads.run' },
  { prefix: 'marketplaces.accounts.', read: READ_VERBS, write: 'credentials' },
  { prefix: 'marketplaces.overrides.', read: READ_VERBS, write: 'catalog.write' },
  { prefix: 'marketplaces.categories.', read: READ_VERBS, write: 'catalog.write' },
];

/** Exact call names whose permission the rules would get wrong. */
const OVERRIDES: Record<string, Permission> = {
  'app.info': 'read',
  // The first frame needs the language, theme and company name before anyone signs in.
  'app.getPreferences': 'public',
  'company.get': 'public',
  'company.getLogo': 'public',
  'app.setPreferences': 'self',
  'session.status': 'public',
  'session.signIn': 'public',
  'session.signOut': 'public',
  'session.changePassword': 'self',
  'backup.now': 'backup.run',
  'backup.inspect': 'backup.restore',
  'backup.restore': 'backup.restore',
  'updates.check': 'read',
  'updates.install': 'updates.install',
  'invoices.issue': 'documents.post',
  // Reads a contact as the buyer snapshot a draft would get; writes nothing.
  'invoices.buyerFromContact': 'read',
  // Downloads a report or export a job already wrote.
  'imports.file': 'read',
  // What became of an import's images; reads only.
  'imports.images': 'read',
};

/** Jobs need what their kind does: an import job what an import needs, a backup job a backup's. */
export const JOB_KIND_PERMISSIONS: Record<string, Permission> = {
  'database.backup': 'backup.run',
  'database.check': 'read',
  'demo.generate': 'data.manage',
  'ledger.export': 'ledger.export',
  'stock.checkpoints': 'data.manage',
  'catalog.import': 'imports.run',
  'catalog.export': 'read',
  // Fetches the image URLs imports recorded and attaches them: part of running imports.
  'catalog.fetchImages': 'imports.run',
  'marketplace.upload': 'uploads.run',
};

export function permissionOf(callName: string, input?: unknown): Permission | undefined {
  if (callName === 'jobs.start') {
    const kind = typeof input === 'object' && input !== null ? (input as { kind?: unknown }).kind : undefined;
    return typeof kind === 'string' ? JOB_KIND_PERMISSIONS[kind] : undefined;
  }
  const override = OVERRIDES[callName];
  if (override) return override;
  const rule = RULES.filter((r) => callName.startsWith(r.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
  if (!rule) return undefined;
  const verb = callName.slice(callName.lastIndexOf('.') + 1);
  return rule.read.includes(verb) ? 'read' : rule.write;
}

export function roleMay(role: Role, permission: Permission | undefined): boolean {
  return permission !== undefined && ROLE_PERMISSIONS[role].has(permission);
}
