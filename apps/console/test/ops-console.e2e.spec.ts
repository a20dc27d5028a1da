import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Download, Locator, Page } from 'playwright-core';
import { DewSystem, marker, rememberSecret, tracesOf, type SdkClient } from '@dew/testing';
import { HSM, instanceCa, runningInstance } from '@dew/testing/dhsm';
import { countOnce, DESKTOP, focused, focusReaches, launchChromium, screenshot, seen, tabTo, unlabelledControls, unnamedButtons } from './browser.js';

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
    // The activation's message gave way to where the instance is now.
    await seen(page.getByText('Instance ops-console-hsm is now Running.'));
    expect(await page.getByText('activated: Creating').count()).toBe(0);
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
    // The first page (every trace of the last hour) shows this trace too, until the search's results replace it.
    const table = page.getByRole('table', { name: 'Traces' });
    const rows = table.getByRole('row').filter({ hasText: groupId });
    expect(await countOnce(table.getByRole('row').filter({ has: page.getByRole('cell') }), 1)).toBe(1);
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

  it('Dedicated HSM: a running instance renewed by two months; its UKey downloaded once (the key its fingerprint names) and its CA certificate, both as files', async () => {
    const instance = await runningInstance(dew, admin, 'ops-files-hsm', 'subnet-files');
    const ca = (await instanceCa(admin, instance.id)).toString();
    const detailOf = async () => (await admin.call<{ instance: { expire_time: string; ukey_fingerprint: string; ukey_downloaded: boolean } }>('GET', `${HSM}/${instance.id}`)).body.instance;
    const before = Date.parse((await detailOf()).expire_time);
    const { context, page } = await signedIn();
    await page.goto(`/console/#/dhsm/instances/${instance.id}`);
    await seen(heading(page, 'ops-files-hsm'));

    await page.getByRole('button', { name: 'Renew ops-files-hsm' }).click();
    const renew = await seen(page.getByRole('dialog', { name: 'Renew ops-files-hsm' }));
    await renew.getByLabel('Renewal duration (months)').fill('2');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'hsm-07-renew');
    await renew.getByRole('button', { name: 'Renew' }).click();
    await seen(page.getByText(/^Instance ops-files-hsm renewed until /));
    const days = (Date.parse((await detailOf()).expire_time) - before) / (24 * 60 * MINUTE);
    expect(days).toBeGreaterThanOrEqual(59);
    expect(days).toBeLessThanOrEqual(62);

    // The UKey: a file whose public half is the one the instance's fingerprint names; then no second copy.
    const ukey = await downloaded(page, () => page.getByRole('button', { name: 'Download UKey' }).click());
    expect(ukey.download.suggestedFilename()).toBe('ops-files-hsm-ukey.pem');
    rememberSecret('private-key', ukey.text);
    const spki = createPublicKey(ukey.text).export({ type: 'spki', format: 'der' });
    expect(await detailOf()).toMatchObject({ ukey_downloaded: true, ukey_fingerprint: `SHA256:${createHash('sha256').update(spki).digest('base64').replace(/=+$/, '')}` });
    expect(await (await seen(page.getByRole('button', { name: 'UKey downloaded' }))).isDisabled()).toBe(true);
    expect((await admin.call('POST', `${HSM}/${instance.id}/ukey`)).status).toBe(409);
    expect(await page.content()).not.toContain(ukey.text.trim().split('\n')[1] ?? '');

    const certificate = await downloaded(page, () => page.getByRole('button', { name: 'Download CA Certificate' }).click());
    expect(certificate.download.suggestedFilename()).toBe('ops-files-hsm-ca.pem');
    expect(certificate.text).toBe(ca);
    await seen(page.getByText('The CA certificate of ops-files-hsm was downloaded as ops-files-hsm-ca.pem.'));
    await screenshot(page, 'hsm-08-ukey-and-certificate');
    await context.close();
    expect((await admin.call('DELETE', `${HSM}/${instance.id}`)).status).toBe(204);
  }, 180_000);

  it('IAM: modify a user; its access keys: create (the SK only in the downloaded file, and it signs), disable (refused), enable, delete; attach a policy in every project; delete a custom policy', async () => {
    const made = await admin.call<{ user: { id: string; name: string } }>('POST', '/v3/users', { user: { name: `ops-keys-${Date.now()}`, enabled: true } });
    expect(made.status).toBe(201);
    const userId = made.body.user.id;
    const { context, page } = await signedIn();
    await nav(page, 'IAM users').click();
    await page.getByRole('link', { name: made.body.user.name, exact: true }).click();
    await seen(heading(page, made.body.user.name));

    // Modify: name and description (DEW keeps no email for a user).
    const renamed = `${made.body.user.name}-x`;
    await page.getByRole('button', { name: 'Modify' }).click();
    await page.getByLabel('Username').fill(renamed);
    await page.getByLabel('Description').fill('signs the nightly backups');
    expect(await unlabelledControls(page)).toEqual([]);
    await page.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(`User ${renamed} saved.`));
    expect((await admin.call<{ user: { name: string; description: string } }>('GET', `/v3/users/${userId}`)).body.user).toMatchObject({ name: renamed, description: 'signs the nightly backups' });

    // Create Access Key: the pair goes into credentials.csv, the SK nowhere else.
    await page.getByRole('button', { name: 'Create Access Key' }).click();
    const create = await seen(page.getByRole('dialog', { name: `Create Access Key for ${renamed}` }));
    await create.getByLabel('Description (optional)').fill('backup job');
    const file = await downloaded(page, () => create.getByRole('button', { name: 'OK' }).click());
    expect(file.download.suggestedFilename()).toBe('credentials.csv');
    const [header, line] = file.text.trim().split('\n');
    expect(header).toBe('User Name,Access Key Id,Secret Access Key');
    const [csvUser = '', ak = '', sk = ''] = (line ?? '').split(',');
    rememberSecret('secret-key', sk);
    expect(csvUser).toBe(renamed);
    await seen(page.getByText(new RegExp(`^Access key ${ak} created and downloaded as credentials.csv`)));
    expect(await page.content()).not.toContain(sk);
    const keyRow = page.getByRole('table', { name: `Access keys of ${renamed}` }).getByRole('row').filter({ hasText: ak });
    await seen(keyRow.getByRole('cell', { name: 'Enabled', exact: true }));
    await screenshot(page, 'iam-06-user-access-keys');
    const signer = dew.client({ ...dew.credentials, access: ak, secret: sk });
    expect((await signer.call('GET', '/v3/auth/projects')).status).toBe(200);

    await keyRow.getByRole('button', { name: `Disable ${ak}` }).click();
    await (await seen(page.getByRole('dialog', { name: `Disable access key ${ak}` }))).getByRole('button', { name: 'OK' }).click();
    await seen(keyRow.getByRole('cell', { name: 'Disabled', exact: true }));
    expect((await signer.call('GET', '/v3/auth/projects')).status).toBe(401);
    await keyRow.getByRole('button', { name: `Enable ${ak}` }).click();
    await (await seen(page.getByRole('dialog', { name: `Enable access key ${ak}` }))).getByRole('button', { name: 'OK' }).click();
    await seen(keyRow.getByRole('cell', { name: 'Enabled', exact: true }));
    expect((await signer.call('GET', '/v3/auth/projects')).status).toBe(200);
    await keyRow.getByRole('button', { name: `Delete ${ak}` }).click();
    const del = await seen(page.getByRole('dialog', { name: `Delete access key ${ak}` }));
    await del.getByRole('checkbox', { name: 'I understand that programs using this access key can no longer call the API' }).check();
    await del.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText('The user has no access key.'));
    expect((await admin.call<{ credentials: unknown[] }>('GET', `/v3.0/OS-CREDENTIAL/credentials?user_id=${userId}`)).body.credentials).toEqual([]);

    // Attach in another scope than the console's project: every project of the account.
    const group = await admin.call<{ group: { id: string; name: string } }>('POST', '/v3/groups', { group: { name: `ops-scope-${Date.now()}` } });
    const policy = await admin.call<{ role: { id: string; display_name: string } }>('POST', '/v3.0/OS-ROLE/roles', {
      role: { display_name: `ops-doomed-${Date.now()}`, type: 'XA', description: '', policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['dhsm:instance:list'] }] } },
    });
    const policyName = policy.body.role.display_name;
    await nav(page, 'IAM policies').click();
    await page.getByRole('button', { name: `Attach ${policyName}` }).click();
    const attach = await seen(page.getByRole('dialog', { name: `Attach ${policyName}` }));
    await attach.getByLabel('User group').selectOption({ label: group.body.group.name });
    const projects = (await admin.call<{ projects: { name: string }[] }>('GET', '/v3/projects')).body.projects;
    expect((await attach.getByLabel('Project').locator('option').allTextContents()).map((o) => o.replace(' (current)', ''))).toEqual(projects.map((p) => p.name));
    await attach.getByLabel('Authorization scope').selectOption('all-projects');
    await attach.getByRole('button', { name: 'Attach' }).click();
    await seen(page.getByText(`Policy ${policyName} attached to ${group.body.group.name} in every project.`));
    const inherited = `/v3/OS-INHERIT/domains/${dew.credentials.domain_id}/groups/${group.body.group.id}/roles`;
    expect((await admin.call<{ roles: { id: string }[] }>('GET', `${inherited}/inherited_to_projects`)).body.roles.map((r) => r.id)).toContain(policy.body.role.id);

    // Delete the policy: IAM refuses while it is attached (its code in the dialog); detached, it goes.
    await page.getByRole('button', { name: `Delete ${policyName}` }).click();
    const refused = await seen(page.getByRole('dialog', { name: `Delete policy ${policyName}` }));
    await refused.getByRole('checkbox', { name: 'I understand that a deleted policy cannot be restored' }).check();
    await refused.getByRole('button', { name: 'Delete' }).click();
    expect(await (await seen(refused.getByRole('alert'))).textContent()).toContain('Error code: IAM.');
    await refused.getByRole('button', { name: 'Cancel' }).click();
    expect((await admin.call('DELETE', `${inherited}/${policy.body.role.id}/inherited_to_projects`)).status).toBe(204);
    await page.getByRole('button', { name: `Delete ${policyName}` }).click();
    const confirm = await seen(page.getByRole('dialog', { name: `Delete policy ${policyName}` }));
    await confirm.getByRole('checkbox', { name: 'I understand that a deleted policy cannot be restored' }).check();
    await screenshot(page, 'iam-07-policy-delete');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await seen(page.getByText(`Policy ${policyName} deleted.`));
    expect((await admin.call('GET', `/v3.0/OS-ROLE/roles/${policy.body.role.id}`)).status).toBe(404);
    await context.close();
  });

  it('keyboard only: Tab reaches a policy’s Delete with a visible outline, Enter opens the dialog, Escape closes it and focus returns to Delete, Space reopens it, Space ticks the acknowledgement, Enter deletes', async () => {
    const policy = await admin.call<{ role: { id: string; display_name: string } }>('POST', '/v3.0/OS-ROLE/roles', {
      role: { display_name: `kbd-policy-${Date.now()}`, type: 'XA', description: '', policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['dhsm:instance:get'] }] } },
    });
    const name = policy.body.role.display_name;
    const { context, page } = await signedIn();
    await nav(page, 'IAM policies').click();
    await seen(page.getByRole('button', { name: `Delete ${name}` }));
    await tabTo(page, `Delete ${name}`);
    expect((await focused(page))?.outlined).toBe(true);
    await page.keyboard.press('Enter');
    const dialog = await seen(page.getByRole('dialog', { name: `Delete policy ${name}` }));
    expect((await focused(page))?.inDialog).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await focusReaches(page, { name: `Delete ${name}` });
    await page.keyboard.press('Space');
    await seen(page.getByRole('dialog', { name: `Delete policy ${name}` }));
    await tabTo(page, 'I understand that a deleted policy cannot be restored', 10);
    expect((await focused(page))?.outlined).toBe(true);
    await page.keyboard.press('Space');
    await tabTo(page, 'Delete', 10);
    expect((await focused(page))?.inDialog).toBe(true);
    await page.keyboard.press('Enter');
    await seen(page.getByText(`Policy ${name} deleted.`));
    // Its row is gone: focus lands on the page's main region, not on the document's body.
    await focusReaches(page, { id: 'main' });
    expect((await admin.call('GET', `/v3.0/OS-ROLE/roles/${policy.body.role.id}`)).status).toBe(404);
    await context.close();
  });

  it('accessibility of every screen: each control labelled, each button and link named, and the focus outline visible on what Tab reaches', async () => {
    const { context, page } = await signedIn();
    const screens = [
      '/kms/keys', '/kms/create-key', '/kms/default-keys', '/csms/secrets', '/csms/create-secret', '/kps/keypairs', '/kps/create-keypair', '/kps/import-keypair',
      '/kps/servers', '/kps/register-server', '/dhsm/instances', '/dhsm/create', '/cts/traces', '/iam/users', '/iam/create-user', '/iam/groups', '/iam/policies', '/iam/create-policy',
    ];
    const problems: string[] = [];
    for (const screen of screens) {
      await page.goto(`/console/#${screen}`);
      await seen(page.locator('h1'));
      await page.waitForLoadState('networkidle');
      for (const c of await unlabelledControls(page)) problems.push(`${screen}: unlabelled ${c}`);
      for (const b of await unnamedButtons(page)) problems.push(`${screen}: unnamed ${b}`);
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        const now = await focused(page);
        if (now && !now.outlined) problems.push(`${screen}: no focus outline on ${now.tag} "${now.name}"`);
      }
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it('IAM: removing a user from a group asks first; Cancel changes nothing, OK removes the user (checked through the API)', async () => {
    const stamp = Date.now();
    const group = (await admin.call<{ group: { id: string; name: string } }>('POST', '/v3/groups', { group: { name: `ops-members-${stamp}` } })).body.group;
    const member = (await admin.call<{ user: { id: string; name: string } }>('POST', '/v3/users', { user: { name: `ops-member-${stamp}`, enabled: true } })).body.user;
    expect((await admin.call('PUT', `/v3/groups/${group.id}/users/${member.id}`)).status).toBe(204);
    const members = async () => (await admin.call<{ users: { id: string }[] }>('GET', `/v3/groups/${group.id}/users`)).body.users.map((u) => u.id);
    const { context, page } = await signedIn();
    await page.goto(`/console/#/iam/groups/${group.id}`);
    await seen(heading(page, group.name));
    await page.getByRole('button', { name: `Remove ${member.name}` }).click();
    const ask = await seen(page.getByRole('dialog', { name: `Remove ${member.name} from ${group.name}` }));
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await members()).toEqual([member.id]);
    await page.getByRole('button', { name: `Remove ${member.name}` }).click();
    await (await seen(page.getByRole('dialog', { name: `Remove ${member.name} from ${group.name}` }))).getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(`User ${member.name} removed from the group.`));
    expect(await members()).toEqual([]);
    await context.close();
  });
});

/** What a click makes the browser download, with its text. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download, text: readFileSync(await download.path(), 'utf8') };
}
