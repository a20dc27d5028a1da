import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DewSystem, marker, tracesOf, type SdkClient } from '@dew/testing';
import { HSM, instanceCa } from '@dew/testing/dhsm';
import { DESKTOP, launchChromium, screenshot, seen, unlabelledControls } from './browser.js';

/**
 * Walk-throughs of the operations screens (Dedicated HSM, CTS traces, IAM) in Debian's Chromium
 * against the whole system, its HSM nodes launched (DEW_HSM_LAUNCH_NODES=1) so the monitoring
 * charts draw what the nodes report.
 */
const MINUTE = 60_000;

let dew: DewSystem;
let admin: SdkClient;
let browser: Browser;
/** The account's administrator, given a password to sign in to the console as. */
let administrator: { name: string; password: string };

beforeAll(async () => {
  [dew, browser] = await Promise.all([DewSystem.start({ env: { DEW_HSM_LAUNCH_NODES: '1' } }), launchChromium()]);
  admin = dew.client();
  const name = dew.credentials.user_name;
  const found = await admin.call<{ users: { id: string }[] }>('GET', `/v3/users?name=${encodeURIComponent(name)}`);
  const password = marker('password');
  expect((await admin.call('PATCH', `/v3/users/${found.body.users[0]?.id ?? ''}`, { user: { password } })).status).toBe(200);
  administrator = { name, password };
});
afterAll(async () => {
  await browser?.close();
  await dew?.stop();
});

async function signedIn(who: { name: string; password: string } = administrator): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: DESKTOP, baseURL: dew.endpoint });
  const page = await context.newPage();
  await page.goto('/console/');
  await (await seen(page.getByLabel('Account (domain) name'))).fill(dew.credentials.domain_name);
  await page.getByLabel('User name').fill(who.name);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await seen(page.getByRole('button', { name: 'Sign out' }));
  return { context, page };
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name, exact: true });
const fact = (page: Page, term: string) => page.locator('dl.details > div').filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) }).getByRole('definition');
const currentStep = (page: Page) => page.locator('ol.lifecycle li[aria-current="step"]');

/** Samples of the instance the nodes reported (CPU measured) in the series, moving the provisioning clock a minute at a time. */
async function measuredSamples(instanceId: string, wanted: number): Promise<number> {
  for (let i = 0; i < 40; i++) {
    const res = await admin.call<{ series: { cpu_usage_percent: number | null }[] }>('GET', `${HSM}/${instanceId}/monitoring`);
    const measured = res.body.series.filter((p) => p.cpu_usage_percent !== null).length;
    if (measured >= wanted) return measured;
    await dew.advanceClock('hsm-provisioning', MINUTE);
    // Nodes report every 5 s of real time; a sample only counts a node whose report is fresh.
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`the nodes of ${instanceId} reported no ${wanted} samples`);
}

async function expandedTrace(page: Page, row: Locator): Promise<Locator> {
  await row.getByRole('button', { name: /expand$/ }).click();
  return seen(page.getByRole('definition').filter({ has: page.locator('pre') }).first());
}

describe('operations screens in Chromium', () => {
  it('Dedicated HSM: buy → installing (progress) → activate → creating → running, with monitoring charts of the nodes’ samples → delete behind its acknowledgement', async () => {
    const { context, page } = await signedIn();
    await nav(page, 'Dedicated HSM').click();
    await seen(heading(page, 'Dedicated HSM'));
    await page.getByRole('link', { name: 'Create Dedicated HSM' }).click();
    await seen(heading(page, 'Create Dedicated HSM'));
    await page.getByLabel('Contact information').fill('ukey-recipient@example.com');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'hsm-01-create');
    await page.getByRole('button', { name: 'Buy Now' }).click();

    // The instance's page follows its installation (10 minutes on the service's clock).
    await seen(page.getByText(/^Instance DedicatedHSM-.* purchased: Installing\.$/));
    const instanceId = (await fact(page, 'ID').textContent()) ?? '';
    expect(await currentStep(page).textContent()).toBe('Installing');
    await seen(page.getByRole('progressbar', { name: 'Provisioning progress' }));
    await screenshot(page, 'hsm-02-installing');
    await dew.advanceClock('hsm-provisioning', 10 * MINUTE);
    await seen(currentStep(page).filter({ hasText: 'To be activated' }));

    const title = (await heading(page, /^DedicatedHSM-/).textContent()) ?? '';
    await page.getByRole('button', { name: `Activate ${title}` }).click();
    const activate = await seen(page.getByRole('dialog', { name: `Activate ${title}` }));
    await activate.getByLabel('Instance Name').fill('ops-console-hsm');
    await activate.getByLabel('VPC').fill('vpc-console');
    await activate.getByLabel('NIC (subnet)').fill('subnet-console');
    await activate.getByLabel('Security Group').fill('sg-console');
    expect(await activate.getByLabel('HSM Type').inputValue()).toBe('Finance');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'hsm-03-activate');
    await activate.getByRole('button', { name: 'Create Now' }).click();
    await seen(page.getByText('Instance ops-console-hsm activated: Creating.'));
    await seen(currentStep(page).filter({ hasText: 'Creating' }));
    await dew.advanceClock('hsm-provisioning', 5 * MINUTE);
    await seen(fact(page, 'Status').filter({ hasText: /^Running$/ }));
    expect((await fact(page, 'Nodes').textContent())?.split(', ')).toHaveLength(2);
    expect(await fact(page, 'IP Address').textContent()).toMatch(/^127\.\d+\.\d+\.\d+$/);

    // Monitoring (guide 4.3 step 6): once the nodes report, each chart draws a point per sample.
    await instanceCa(admin, instanceId);
    const measured = await measuredSamples(instanceId, 2);
    await page.getByRole('button', { name: 'Refresh' }).click();
    const cpu = page.getByRole('figure', { name: /CPU usage/ });
    await seen(cpu.locator('circle').nth(measured - 1));
    expect(await cpu.locator('svg path.series').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+ L/);
    expect(await cpu.locator('circle title').first().textContent()).toMatch(/: [\d.]+ %$/);
    await seen(page.getByRole('figure', { name: /Memory usage/ }).locator('circle').first());
    expect(await fact(page, 'Instance health').textContent()).toMatch(/^(healthy|degraded)$/);
    await page.getByRole('figure', { name: /Network latency/ }).scrollIntoViewIfNeeded();
    await screenshot(page, 'hsm-04-detail-monitoring');

    await nav(page, 'Dedicated HSM').click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'ops-console-hsm', exact: true }) });
    await seen(row.getByRole('cell', { name: 'Running', exact: true }));
    await screenshot(page, 'hsm-05-list');
    await row.getByRole('button', { name: 'Delete ops-console-hsm' }).click();
    const del = await seen(page.getByRole('dialog', { name: 'Delete Dedicated HSM instance ops-console-hsm' }));
    expect(await del.getByRole('button', { name: 'Delete' }).isDisabled()).toBe(true);
    await del.getByRole('checkbox', { name: 'I understand that deleting the instance destroys its keys and cannot be undone' }).check();
    await screenshot(page, 'hsm-06-delete-confirmation');
    await del.getByRole('button', { name: 'Delete' }).click();
    await seen(page.getByText('Instance ops-console-hsm deleted.'));
    expect((await admin.call('GET', `${HSM}/${instanceId}`)).status).toBe(404);
    await context.close();
  }, 180_000);

  it('CTS: a search by resource ID finds the trace of the group created just before; expanded, it shows the whole trace', async () => {
    const { context, page } = await signedIn();
    await nav(page, 'IAM user groups').click();
    await seen(heading(page, 'User Groups'));
    await page.getByRole('button', { name: 'Create User Group' }).click();
    const create = await seen(page.getByRole('dialog', { name: 'Create User Group' }));
    const groupName = `traced-group-${Date.now()}`;
    await create.getByLabel('Name').fill(groupName);
    await create.getByRole('button', { name: 'OK' }).click();
    await seen(heading(page, groupName));
    const groupId = (await fact(page, 'ID').textContent()) ?? '';
    await tracesOf(admin, `resource_id=${groupId}`, 1);

    await nav(page, 'Traces (CTS)').click();
    await seen(heading(page, 'Trace List'));
    await page.getByLabel('Trace source').selectOption('IAM');
    await page.getByLabel('Resource type').selectOption('group');
    await page.getByLabel('Resource ID').fill(groupId);
    await page.getByLabel('Trace status').selectOption('normal');
    expect(await unlabelledControls(page)).toEqual([]);
    await page.getByRole('button', { name: 'Search' }).click();
    const rows = page.getByRole('table', { name: 'Traces' }).getByRole('row').filter({ hasText: groupId });
    const row = await seen(rows.filter({ hasText: 'createGroup' }));
    expect(await rows.count()).toBe(1);
    expect(await row.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining(['group', 'IAM', 'normal', administrator.name]));

    await expandedTrace(page, row);
    const detail = page.getByRole('definition');
    const field = (name: string) => page.locator('.trace-detail dl > div').filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${name}$`) }) }).locator('pre');
    expect(await field('trace_type').textContent()).toBe('ConsoleAction');
    expect(await field('request').textContent()).toContain(groupName);
    expect(JSON.parse((await field('response').textContent()) ?? '{}')).toMatchObject({ group_id: groupId });
    expect(JSON.parse((await field('user').textContent()) ?? '{}')).toMatchObject({ name: administrator.name, invoked_by: ['service.console'] });
    expect(await detail.count()).toBeGreaterThan(20);
    await screenshot(page, 'cts-01-trace-expanded');
    await context.close();
  });

  it('IAM: user, group, a custom policy (IAM’s refusal of a bad statement shown at the editor, then a valid one) attached; the user signs in, lists instances, and a purchase shows the API’s 403', async () => {
    const { context, page } = await signedIn();
    // A user with a password (guide 6.1 step 2), disabled and enabled again.
    await nav(page, 'IAM users').click();
    await seen(heading(page, 'Users'));
    await page.getByRole('link', { name: 'Create User' }).click();
    const user = { name: `ops-user-${Date.now()}`, password: marker('password') };
    await page.getByLabel('Username').fill(user.name);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByLabel('Confirm Password').fill(user.password);
    expect(await unlabelledControls(page)).toEqual([]);
    await page.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(`User ${user.name} created.`));
    const userRow = page.getByRole('row').filter({ has: page.getByRole('rowheader').filter({ hasText: user.name }) });
    await seen(userRow.getByRole('cell', { name: 'Enabled', exact: true }));
    await userRow.getByRole('button', { name: `Disable ${user.name}` }).click();
    await (await seen(page.getByRole('dialog', { name: `Disable user ${user.name}` }))).getByRole('button', { name: 'OK' }).click();
    await seen(userRow.getByRole('cell', { name: 'Disabled', exact: true }));
    await userRow.getByRole('button', { name: `Enable ${user.name}` }).click();
    await (await seen(page.getByRole('dialog', { name: `Enable user ${user.name}` }))).getByRole('button', { name: 'OK' }).click();
    await seen(userRow.getByRole('cell', { name: 'Enabled', exact: true }));
    await screenshot(page, 'iam-01-users');

    // A group with the user in it.
    await nav(page, 'IAM user groups').click();
    await page.getByRole('button', { name: 'Create User Group' }).click();
    const groupName = `ops-group-${Date.now()}`;
    const create = await seen(page.getByRole('dialog', { name: 'Create User Group' }));
    await create.getByLabel('Name').fill(groupName);
    await create.getByRole('button', { name: 'OK' }).click();
    await seen(heading(page, groupName));
    await page.getByLabel('User to add').selectOption({ label: user.name });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await seen(page.getByRole('table', { name: `Users of ${groupName}` }).getByRole('rowheader', { name: user.name }));
    await screenshot(page, 'iam-02-group');

    // A custom policy: IAM refuses the bad statement, and its message sits at the editor.
    await nav(page, 'IAM policies').click();
    await seen(heading(page, 'Permissions'));
    await page.getByRole('link', { name: 'Create Custom Policy' }).click();
    await seen(heading(page, 'Create Custom Policy'));
    const policyName = `ops-hsm-viewer-${Date.now()}`;
    await page.getByLabel('Policy Name').fill(policyName);
    const editor = page.getByLabel('Policy Content (JSON)');
    await editor.fill('{ "Version": "1.1", ');
    await page.getByRole('button', { name: 'OK' }).click();
    expect(await (await seen(page.locator('.field-error').getByRole('alert'))).textContent()).toMatch(/^The policy is not valid JSON: /);
    await editor.fill(JSON.stringify({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['dhsm:instance'] }] }, null, 2));
    await page.getByRole('button', { name: 'OK' }).click();
    const refusal = await seen(page.locator('.field-error').getByRole('alert'));
    expect(await refusal.textContent()).toContain('Statement[0].Action[0]');
    expect(await refusal.textContent()).toContain('Error code: IAM.0001');
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await editor.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator('.field-error').getAttribute('id')).toBe(describedBy.split(' ').at(-1));
    await screenshot(page, 'iam-03-policy-refused');
    await editor.fill(JSON.stringify({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['dhsm:instance:list', 'dhsm:instance:get'] }] }, null, 2));
    expect(await page.locator('.field-error').count()).toBe(0);
    await page.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(`Policy ${policyName} created.`));
    await page.getByRole('button', { name: `Attach ${policyName}` }).click();
    const attach = await seen(page.getByRole('dialog', { name: `Attach ${policyName}` }));
    await attach.getByLabel('User group').selectOption({ label: groupName });
    await screenshot(page, 'iam-04-policy-attach');
    await attach.getByRole('button', { name: 'Attach' }).click();
    await seen(page.getByText(new RegExp(`^Policy ${policyName} attached to ${groupName} in project `)));
    await context.close();

    // The user, in a browser context of its own: listing instances is allowed, buying one is not.
    const as = await signedIn(user);
    await nav(as.page, 'Dedicated HSM').click();
    await seen(heading(as.page, 'Dedicated HSM'));
    await seen(as.page.getByRole('table', { name: 'Dedicated HSM instances' }).or(as.page.getByText(/^No Dedicated HSM instance yet/)));
    expect(await as.page.getByRole('alert').count()).toBe(0);
    await as.page.getByRole('link', { name: 'Create Dedicated HSM' }).click();
    await as.page.getByLabel('Contact information').fill('denied@example.com');
    await as.page.getByRole('button', { name: 'Buy Now' }).click();
    const denied = await seen(as.page.getByRole('alert'));
    expect(await denied.textContent()).toContain('Error code: DHSM.0403');
    await screenshot(as.page, 'iam-05-denied-action');
    await as.context.close();
  });
});
