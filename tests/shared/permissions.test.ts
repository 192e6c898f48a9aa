import { describe, expect, test } from 'vitest';
import { CALL_NAMES } from '../../shared/contract/index.ts';
import { JOB_KIND_PERMISSIONS, PERMISSIONS, permissionOf, ROLE_PERMISSIONS } from '../../shared/contract/permissions.ts';
import { JOB_KINDS } from '../../shared/contract/jobs.ts';

/**
 * Every call of the contract and the permission it needs, written out. A call added on another
 * branch fails here until someone decides who may make it (and adds it to this list).
 */
const EXPECTED: Record<string, string> = {
  'app.info': 'read',
  'app.getPreferences': 'public',
  'app.setPreferences': 'self',
  'company.get': 'public',
  'company.save': 'settings.write',
  'company.getLogo': 'public',
  'company.setLogo': 'settings.write',
  'company.removeLogo': 'settings.write',
  'jobs.get': 'read',
  'jobs.list': 'read',
  'jobs.cancel': 'data.manage',
  'catalog.languages.get': 'read',
  'catalog.languages.set': 'settings.write',
  'catalog.priceLists.list': 'read',
  'catalog.tags.list': 'read',
  'catalog.categories.list': 'read',
  'catalog.categories.create': 'catalog.write',
  'catalog.categories.update': 'catalog.write',
  'catalog.categories.delete': 'catalog.write',
  'products.list': 'read',
  'products.get': 'read',
  'products.getBySku': 'read',
  'products.create': 'catalog.write',
  'products.update': 'catalog.write',
  'products.delete': 'catalog.write',
  'products.setStatus': 'catalog.write',
  'products.bulkUpdate': 'catalog.write',
  'products.generateVariants': 'catalog.write',
  'products.search': 'read',
  'products.lookupCode': 'read',
  'products.updateListFields': 'catalog.write',
  'products.addImage': 'catalog.write',
  'products.removeImage': 'catalog.write',
  'products.reorderImages': 'catalog.write',
  'products.getImage': 'read',
  'warehouses.list': 'read',
  'warehouses.create': 'stock.write',
  'warehouses.update': 'stock.write',
  'locations.list': 'read',
  'locations.create': 'stock.write',
  'stock.receive': 'stock.write',
  'stock.ship': 'stock.write',
  'stock.adjust': 'stock.write',
  'stock.transfer': 'stock.write',
  'stock.return': 'stock.write',
  'stock.correct': 'stock.write',
  'stock.levels': 'read',
  'stock.movements': 'read',
  'stock.valuation': 'read',
  'stock.onHandAt': 'read',
  'stock.setReorderRule': 'stock.write',
  'stock.lowStock': 'read',
  'stock.settings.get': 'read',
  'stock.settings.set': 'settings.write',
  'stocktake.create': 'stock.write',
  'stocktake.list': 'read',
  'stocktake.setCounts': 'stock.write',
  'stocktake.get': 'read',
  'stocktake.post': 'stock.write',
  'stocktake.cancel': 'stock.write',
  'backup.status': 'read',
  'backup.setSettings': 'settings.write',
  'backup.now': 'backup.run',
  'backup.inspect': 'backup.restore',
  'backup.restore': 'backup.restore',
  'audit.list': 'audit.read',
  'audit.verify': 'audit.read',
  'session.status': 'public',
  'session.signIn': 'public',
  'session.signOut': 'public',
  'session.changePassword': 'self',
  'users.list': 'users.manage',
  'users.create': 'users.manage',
  'users.update': 'users.manage',
  'updates.status': 'read',
  'updates.check': 'read',
  'updates.install': 'updates.install',
  'updates.setSettings': 'settings.write',
  'catalog.priceLists.create': 'catalog.write',
  'catalog.priceLists.update': 'catalog.write',
  'products.thumbnails': 'read',
  'contacts.list': 'read',
  'contacts.search': 'read',
  'contacts.facets': 'read',
  'contacts.get': 'read',
  'contacts.snapshot': 'read',
  'contacts.create': 'contacts.write',
  'contacts.update': 'contacts.write',
  'contacts.delete': 'contacts.write',
  'contacts.duplicates': 'read',
  'contacts.duplicatePairs': 'read',
  'contacts.markDistinct': 'contacts.write',
  'contacts.merge': 'contacts.write',
  'contacts.timeline': 'read',
  'contacts.import.preview': 'read',
  'contacts.import.run': 'contacts.write',
  'contacts.export': 'read',
  'ledger.settings.get': 'read',
  'ledger.settings.set': 'ledger.export',
  'ledger.chart.get': 'read',
  'ledger.chart.install': 'ledger.write',
  'ledger.accounts.create': 'ledger.write',
  'ledger.mapping.set': 'ledger.write',
  'ledger.journal': 'read',
  'ledger.trialBalance': 'read',
  'ledger.entries.postManual': 'ledger.write',
  'ledger.entries.reverse': 'ledger.write',
  'ledger.lock.get': 'read',
  'ledger.lock.set': 'period.close',
  'ledger.reports.list': 'read',
  'ledger.exports.reveal': 'ledger.export',
  'dashboard.summary': 'read',
  'invoices.list': 'read',
  'invoices.get': 'read',
  'invoices.saveDraft': 'documents.draft',
  'invoices.preview': 'read',
  'invoices.deleteDraft': 'documents.draft',
  'invoices.issue': 'documents.post',
  'invoices.buyerFromContact': 'read',
  'invoices.convert': 'documents.draft',
  'invoices.creditNote': 'documents.draft',
  'invoices.pdf': 'read',
  'invoices.previewHtml': 'read',
  'invoices.payments.record': 'documents.post',
  'invoices.payments.allocate': 'documents.post',
  'invoices.payments.list': 'read',
  'invoices.aging': 'read',
  'invoices.statement': 'read',
  'invoices.rates.list': 'read',
  'invoices.rates.set': 'documents.draft',
  'invoices.rates.importEcb': 'documents.draft',
  'invoices.rates.importCsv': 'documents.draft',
  'imports.upload': 'imports.run',
  'imports.inspect': 'imports.run',
  'imports.templates.list': 'read',
  'imports.templates.save': 'imports.run',
  'imports.templates.delete': 'imports.run',
  'imports.runs.list': 'read',
  'imports.undo': 'imports.run',
  'imports.images': 'read',
  'imports.file': 'read',
  'marketplaces.platforms': 'read',
  'marketplaces.accounts.list': 'read',
  'marketplaces.accounts.create': 'credentials',
  'marketplaces.accounts.update': 'credentials',
  'marketplaces.accounts.delete': 'credentials',
  'marketplaces.accounts.test': 'credentials',
  'marketplaces.validate': 'uploads.run',
  'marketplaces.uploads.start': 'uploads.run',
  'marketplaces.uploads.list': 'read',
  'marketplaces.uploads.get': 'read',
  'marketplaces.uploads.items': 'read',
  'marketplaces.uploads.export': 'read',
  'marketplaces.uploads.pause': 'uploads.run',
  'marketplaces.uploads.resume': 'uploads.run',
  'marketplaces.uploads.cancel': 'uploads.run',
  'marketplaces.uploads.retryFailed': 'uploads.run',
  'marketplaces.stock.sync': 'uploads.run',
  'marketplaces.prices.sync': 'uploads.run',
  'marketplaces.listings.remove': 'uploads.run',
  'marketplaces.listings.grid': 'read',
  'marketplaces.overrides.set': 'catalog.write',
  'marketplaces.overrides.get': 'read',
  'marketplaces.categories.list': 'read',
  'marketplaces.categories.map': 'catalog.write',
};

describe('permissions', () => {
  test('every call of the contract has exactly the permission listed here', () => {
    const actual = Object.fromEntries(CALL_NAMES.filter((n) => n !== 'jobs.start').map((n) => [n, permissionOf(n) ?? 'UNCLASSIFIED']));
    expect(actual).toEqual(EXPECTED);
  });

  test('every job kind has a permission, and jobs.start needs it', () => {
    for (const kind of JOB_KINDS) {
      expect(JOB_KIND_PERMISSIONS[kind], kind).toBeDefined();
      expect(permissionOf('jobs.start', { kind, input: {} })).toBe(JOB_KIND_PERMISSIONS[kind]);
    }
    expect(permissionOf('jobs.start', { kind: 'no.such.kind' })).toBeUndefined();
    expect(permissionOf('jobs.start', null)).toBeUndefined();
  });

  test('a call no rule covers has no permission (default deny)', () => {
    expect(permissionOf('frobnicate.everything')).toBeUndefined();
    expect(permissionOf('app.somethingNew')).toBeUndefined();
  });

  test('roles: owner everything; staff not settings, credentials, users, period close; accountant no catalog or stock edits', () => {
    expect([...ROLE_PERMISSIONS.owner].sort()).toEqual([...PERMISSIONS].sort());
    for (const p of ['settings.write', 'credentials', 'users.manage', 'period.close', 'ledger.export', 'backup.restore', 'audit.read'] as const) {
      expect(ROLE_PERMISSIONS.staff.has(p), p).toBe(false);
    }
    for (const p of ['catalog.write', 'stock.write', 'contacts.write', 'documents.draft'] as const) expect(ROLE_PERMISSIONS.staff.has(p), p).toBe(true);
    for (const p of ['catalog.write', 'stock.write', 'settings.write', 'credentials', 'users.manage'] as const) {
      expect(ROLE_PERMISSIONS.accountant.has(p), p).toBe(false);
    }
    for (const p of ['read', 'ledger.export', 'period.close'] as const) expect(ROLE_PERMISSIONS.accountant.has(p), p).toBe(true);
  });
});
