import { DEMO_STEPS } from '../../../electron/core/demo/generator.ts';
import { afterEach, expect, test } from 'vitest';
import { demoCompanyProfile } from '../../../electron/core/demo/demoCompany.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';
import { collectUpdates } from './support.ts';

let t: TestKontor | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

test('demo.generate fills an empty Kontor with the demo company', async () => {
  t = await openTestKontor();
  const { updates, stop } = collectUpdates(t.client);
  const started = await t.client.call('jobs.start', { kind: 'demo.generate', input: {} });
  const job = await t.kontor.jobs.wait(started.id);
  stop();

  expect(job).toMatchObject({
    status: 'succeeded',
    result: { legalName: 'Atlas Tapis & Céramique SARL', created: { company: 1, categories: 4, products: 6, warehouses: 2, movements: 13, reorderRules: 4 } },
    done: DEMO_STEPS.length,
    total: DEMO_STEPS.length,
  });
  expect(updates.at(-1)).toEqual(job);
  const { updatedAt: _ignored, hasLogo, ...profile } = (await t.client.call('company.get', {}))!;
  expect(hasLogo).toBe(false);
  expect(profile).toEqual(demoCompanyProfile());
});

test('demo.generate refuses to overwrite an existing company profile', async () => {
  t = await openTestKontor();
  const first = await t.client.call('jobs.start', { kind: 'demo.generate', input: {} });
  await t.kontor.jobs.wait(first.id);
  const before = await t.client.call('company.get', {});

  const second = await t.client.call('jobs.start', { kind: 'demo.generate', input: {} });
  const job = await t.kontor.jobs.wait(second.id);
  expect(job.status).toBe('failed');
  expect(job.error?.code).toBe('CONFLICT');
  expect(job.error?.message).toMatch(/^A company profile already exists/);
  expect(await t.client.call('company.get', {})).toEqual(before);
});
