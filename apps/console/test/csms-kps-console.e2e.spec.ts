import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { DewSystem, loginWithKey, loginWithPassword, marker, rememberSecret, runToolOrThrow, startSshd, type SdkClient, type TestSshd } from '@dew/testing';
import { consoleUser } from './console-user.js';
import { launchChromium, screenshot, seen, signInToConsole, unlabelledControls, webStorageItems } from './browser.js';

let dew: DewSystem;
let admin: SdkClient;
let browser: Browser;
let sshd: TestSshd;
let user: { name: string; password: string };
let scratch: string;

beforeAll(async () => {
  [dew, browser, sshd] = await Promise.all([DewSystem.start(), launchChromium(), startSshd()]);
  rememberSecret('password', sshd.password);
  admin = dew.client();
  scratch = mkdtempSync(join(tmpdir(), 'dew-console-kps-'));
  // The rights the guide's CSMS and KPS chapters need, and KMS for the keys they seal under.
  user = await consoleUser(dew, admin, 'console-csms-kps', ['KMS Administrator', 'CSMS FullAccess', 'DEW KeypairFullAccess']);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([dew?.stop(), sshd?.stop()]);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function signedIn(): Promise<{ context: BrowserContext; page: Page }> {
  return signInToConsole(browser, dew.endpoint, dew.credentials.domain_name, user);
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });
const dialog = (page: Page, name: string) => seen(page.getByRole('dialog', { name }));

/** What a click makes the browser download, saved under the scratch dir (0600, as ssh-keygen wants a private key). */
async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ download: Download; path: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(scratch, download.suggestedFilename());
  await download.saveAs(path);
  chmodSync(path, 0o600);
  return { download, path, text: readFileSync(path, 'utf8') };
}

describe('CSMS in the console (guide 2.2.2, 2.3)', () => {
  it('create secret → new version → move SYSCURRENT back to v1 → view v1’s value → schedule deletion → cancel; backup → delete now → restore from the file', async () => {
    const { context, page } = await signedIn();
    await page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name: 'Secrets' }).click();
    await page.getByRole('link', { name: 'Create Secret' }).click();
    const name = `console-stages-${Date.now()}`;
    const first = marker('secret-value');
    await (await seen(page.getByLabel('Secret name'))).fill(name);
    await page.getByLabel('Secret value').fill(first);
    await page.getByRole('button', { name: 'OK' }).click();
    await seen(heading(page, name));
    await page.getByRole('button', { name: 'Add Secret Version' }).click();
    const add = await dialog(page, 'Add Secret Version');
    await add.getByLabel('Secret value').fill(marker('secret-value'));
    await add.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(/Version v2 added/));
    const versions = page.getByRole('table', { name: `Versions of ${name}` });
    const row = (id: string) => versions.getByRole('row').filter({ has: page.getByRole('rowheader', { name: id, exact: true }) });

    // Manage Status (2.3.2): Change → SYSCURRENT, which moves it off v2.
    await row('v1').getByRole('button', { name: 'Manage Status of v1' }).click();
    const manage = await dialog(page, 'Manage Status of v1');
    await manage.getByRole('radio', { name: 'Change' }).check();
    await manage.getByLabel('Status to move to this version').selectOption('SYSCURRENT');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'csms-01-manage-status');
    await manage.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText('Status SYSCURRENT is now on v1.'));
    await seen(row('v1').getByText('SYSCURRENT'));
    expect(await row('v2').getByText('SYSCURRENT').count()).toBe(0);
    const stage = await admin.call<{ stage: { version_id: string } }>('GET', `/v1/{project_id}/secrets/${name}/stages/SYSCURRENT`);
    expect(stage.body.stage.version_id).toBe('v1');

    // A custom status added to v2, then deleted (SYSCURRENT and SYSPREVIOUS are never offered).
    await row('v2').getByRole('button', { name: 'Manage Status of v2' }).click();
    const custom = await dialog(page, 'Manage Status of v2');
    await custom.getByRole('radio', { name: 'Add' }).check();
    await custom.getByLabel('New status name').fill('blue');
    await custom.getByRole('button', { name: 'OK' }).click();
    await seen(row('v2').getByText('blue'));
    await row('v2').getByRole('button', { name: 'Manage Status of v2' }).click();
    const drop = await dialog(page, 'Manage Status of v2');
    await drop.getByRole('radio', { name: 'Delete' }).check();
    expect(await drop.getByLabel('Status to delete').locator('option').allTextContents()).toEqual(['blue']);
    await drop.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText('Status blue deleted from v2.'));

    // View Secret (2.3.1): nothing is read until Yes; the value is in the dialog only, never in storage.
    await row('v1').getByRole('button', { name: 'View Secret v1' }).click();
    const ask = await dialog(page, 'View Secret v1');
    expect(await page.getByText(first).count()).toBe(0);
    await screenshot(page, 'csms-02-view-secret-confirmation');
    await ask.getByRole('button', { name: 'Yes' }).click();
    const shown = await dialog(page, 'Secret value of v1');
    expect(await shown.getByLabel('Secret value').inputValue()).toBe(first);
    await shown.getByRole('button', { name: 'OK' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await page.getByText(first).count()).toBe(0);
    expect(await webStorageItems(page)).toBe(0);

    // Schedule deletion (2.2.2), behind typing the name; then cancel it.
    await page.getByRole('button', { name: `Delete ${name}` }).click();
    const del = await dialog(page, `Delete secret ${name}`);
    await del.getByLabel('Waiting Period (7 to 30 days)').fill('7');
    expect(await del.getByRole('button', { name: 'OK' }).isDisabled()).toBe(true);
    await del.getByLabel(`Type the secret name (${name}) to confirm`).fill(name);
    await screenshot(page, 'csms-03-delete-confirmation');
    await del.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(`Secret ${name} is scheduled for deletion in 7 days.`));
    await seen(page.getByRole('definition').filter({ hasText: /^Pending deletion$/ }));
    await page.getByRole('button', { name: `Cancel Deletion of ${name}` }).click();
    await (await dialog(page, `Cancel the deletion of secret ${name}`)).getByRole('button', { name: 'OK' }).click();
    await seen(page.getByRole('definition').filter({ hasText: /^Enabled$/ }));

    // Backup to a file, delete now, restore from that file: the secret and its value are back.
    const backup = await downloadOf(page, () => page.getByRole('button', { name: `Download Backup of ${name}` }).click());
    expect(backup.download.suggestedFilename()).toBe(`${name}.csms-backup`);
    expect(backup.text.length).toBeGreaterThan(100);
    expect(backup.text).not.toContain(first);
    await page.getByRole('button', { name: `Delete ${name}` }).click();
    const now = await dialog(page, `Delete secret ${name}`);
    await now.getByRole('radio', { name: 'Delete now' }).check();
    await now.getByLabel(`Type the secret name (${name}) to confirm`).fill(name);
    await now.getByRole('button', { name: 'OK' }).click();
    await seen(heading(page, 'Secrets'));
    await seen(page.getByText(`Secret ${name} deleted.`));
    await page.getByRole('button', { name: 'Restore Secret' }).click();
    const restore = await dialog(page, 'Restore Secret');
    await restore.getByLabel('Backup file').setInputFiles(backup.path);
    await restore.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(`Secret ${name} restored from ${name}.csms-backup.`));
    await seen(page.getByRole('row').filter({ hasText: name }).getByRole('cell', { name: 'Enabled' }));
    await screenshot(page, 'csms-04-secret-list-operations');
    const value = await admin.call<{ version: { secret_string: string } }>('GET', `/v1/{project_id}/secrets/${name}/versions/v1`);
    expect(value.body.version.secret_string).toBe(first);
    await context.close();
  });

  it('secret details: an event made on the Events page, then Edit sets the KMS key, description and that event; tags added, edited, searched and deleted; automatic rotation every 30d and Rotate Now; the API sees each change', async () => {
    const stamp = Date.now();
    const [name, untagged, event] = [`console-manage-${stamp}`, `console-untagged-${stamp}`, `console-event-${stamp}`];
    for (const n of [name, untagged]) expect((await admin.call('POST', '/v1/{project_id}/secrets', { name: n, secret_string: marker('secret-value') })).status).toBe(200);
    const keyAlias = `console-secret-key-${stamp}`;
    const key = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: keyAlias });
    const secretOf = async () => (await admin.call<{ secret: { kms_key_id: string; description: string; event_subscriptions: string[]; auto_rotation: boolean; rotation_period: string } }>('GET', `/v1/{project_id}/secrets/${name}`)).body.secret;
    const tagsOf = async (id: string) => (await admin.call<{ tags: unknown[] }>('GET', `/v1/{project_id}/csms/${id}/tags`)).body.tags;
    const { context, page } = await signedIn();
    const secrets = () => page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name: 'Secrets' }).click();

    // Events: Create Event (its signing key arrives as a download only), then Edit it.
    await secrets();
    await (await seen(page.getByRole('link', { name: 'Events' }))).click();
    await seen(heading(page, 'Events'));
    await page.getByRole('button', { name: 'Create Event' }).click();
    const create = await dialog(page, 'Create Event');
    await create.getByLabel('Event name').fill(event);
    await create.getByRole('checkbox', { name: 'Version created (SECRET_VERSION_CREATED)' }).check();
    await create.getByRole('checkbox', { name: 'Secret rotated (SECRET_ROTATED)' }).check();
    await create.getByLabel('Webhook URL').fill('https://hooks.example.com/dew');
    expect(await unlabelledControls(page)).toEqual([]);
    const signingKey = await downloadOf(page, () => create.getByRole('button', { name: 'OK' }).click());
    expect(signingKey.download.suggestedFilename()).toBe(`${event}.signing-key`);
    rememberSecret('secret-key', signingKey.text);
    expect(await page.content()).not.toContain(signingKey.text);
    const eventRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: event, exact: true }) });
    await seen(eventRow.getByRole('cell', { name: 'Enabled', exact: true }));
    await eventRow.getByRole('button', { name: `Edit ${event}` }).click();
    const editEvent = await dialog(page, `Edit Event ${event}`);
    await editEvent.getByLabel('Status').selectOption('DISABLED');
    await editEvent.getByRole('button', { name: 'OK' }).click();
    await seen(eventRow.getByRole('cell', { name: 'Disabled', exact: true }));
    await screenshot(page, 'csms-05-events');
    const shownEvent = await admin.call<{ event: { state: string; event_types: string[]; notification: { target_id: string } } }>('GET', `/v1/{project_id}/csms/events/${event}`);
    expect([shownEvent.body.event.state, shownEvent.body.event.event_types, shownEvent.body.event.notification.target_id]).toEqual(['DISABLED', ['SECRET_VERSION_CREATED', 'SECRET_ROTATED'], 'https://hooks.example.com/dew']);

    // Edit (guide 2.2.1 note): the encryption key, the description, and the event.
    await secrets();
    await (await seen(page.getByRole('link', { name, exact: true }))).click();
    await seen(heading(page, name));
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = await dialog(page, 'Edit Secret');
    await edit.getByLabel('KMS encryption key').selectOption({ label: keyAlias });
    await edit.getByLabel('Description').fill('orders database password');
    await edit.getByLabel('Event notification').selectOption(event);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'csms-06-secret-edit');
    await edit.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(`Secret ${name} updated.`));
    await seen(page.getByRole('definition').filter({ hasText: /^orders database password$/ }));
    const edited = await secretOf();
    expect([edited.kms_key_id, edited.description, edited.event_subscriptions]).toEqual([key.body.key_info.key_id, 'orders database password', [event]]);

    // Tags (guide 2.4.1, 2.4.3): Add Tag, then Edit its value.
    const tags = page.getByRole('region', { name: 'Tags', exact: true });
    await tags.getByRole('button', { name: 'Add Tag' }).click();
    const addTag = await dialog(page, 'Add Tag');
    await addTag.getByLabel('Tag key').fill('env');
    await addTag.getByLabel('Tag value').fill('prod');
    await addTag.getByRole('button', { name: 'OK' }).click();
    await tags.getByRole('button', { name: 'Edit tag env' }).click();
    const editTag = await dialog(page, 'Edit Tag');
    await editTag.getByLabel('Tag value').fill(`staging-${stamp}`);
    await editTag.getByRole('button', { name: 'OK' }).click();
    await seen(tags.getByRole('row', { name: new RegExp(`env\\s+staging-${stamp}`) }));
    const secretId = (await page.getByRole('definition').locator('code').first().textContent()) ?? '';
    expect(await tagsOf(secretId)).toEqual([{ key: 'env', value: `staging-${stamp}` }]);

    // Automatic rotation every 30 days, then Rotate Now: v2 becomes SYSCURRENT.
    const rotation = page.getByRole('region', { name: 'Rotation', exact: true });
    await rotation.getByRole('button', { name: 'Enable Automatic Rotation' }).click();
    const period = await dialog(page, 'Enable Automatic Rotation');
    await period.getByLabel('Rotation period').fill('5h');
    await period.getByRole('button', { name: 'OK' }).click();
    // CSMS's own limit (6h–8760h) shows its refusal in the dialog.
    await seen(period.getByText('Error code: CSMS.0002'));
    await period.getByLabel('Rotation period').fill('30d');
    await period.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(`Automatic rotation of ${name}: every 30d.`));
    await seen(rotation.getByRole('definition').filter({ hasText: /^30d$/ }));
    const rotating = await secretOf();
    expect([rotating.auto_rotation, rotating.rotation_period]).toEqual([true, '30d']);
    await rotation.getByRole('button', { name: 'Rotate Now' }).click();
    await (await dialog(page, 'Rotate Now')).getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(`Secret ${name} rotated: version v2 is now SYSCURRENT.`));
    const stages = await admin.call<{ version_metadatas: { id: string; version_stages: string[] }[] }>('GET', `/v1/{project_id}/secrets/${name}/versions`);
    expect(stages.body.version_metadatas.find((v) => v.id === 'v2')?.version_stages).toEqual(['SYSCURRENT']);

    // Search by Tag (guide 2.4.2) finds the tagged secret and not the other one.
    await secrets();
    await seen(page.getByRole('link', { name: untagged, exact: true }));
    await page.getByRole('button', { name: 'Search by Tag' }).click();
    const search = page.getByRole('region', { name: 'Search by Tag' });
    await search.getByLabel('Tag key').fill('env');
    await search.getByLabel('Tag value').fill(`staging-${stamp}`);
    await search.getByRole('button', { name: 'Add', exact: true }).click();
    await search.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: untagged, exact: true }).waitFor({ state: 'detached' });
    await seen(page.getByRole('link', { name, exact: true }));

    // Delete Tag (guide 2.4.4): "Yes"; the API has none left.
    await page.getByRole('link', { name, exact: true }).click();
    await (await seen(tags.getByRole('button', { name: 'Delete tag env' }))).click();
    await (await dialog(page, 'Delete Tag')).getByRole('button', { name: 'Yes' }).click();
    await seen(tags.getByText('No tags yet.'));
    expect(await tagsOf(secretId)).toEqual([]);
    await context.close();
  });
});

describe('KPS in the console (guide 3.1, 3.4)', () => {
  it('create key pair → the private key downloads once as a real key → register the test sshd → bind with its password → the key logs in, the password no longer does', async () => {
    const { context, page } = await signedIn();
    await page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name: 'Key Pairs' }).click();
    await seen(heading(page, 'Key Pairs'));
    await page.getByRole('link', { name: 'Create Key Pair' }).click();
    await seen(heading(page, 'Create Key Pair'));
    const name = `console-kp-${Date.now()}`;
    await page.getByLabel('Key Pair Name').fill(name);
    expect(await page.getByLabel('Type').inputValue()).toBe('SSH_RSA_2048');
    await page.getByLabel('Type').selectOption('SSH_ED25519');
    await page.getByRole('checkbox', { name: 'I have read and agree to the Key Pair Service Disclaimer' }).check();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'kps-01-keypair-create');
    await page.getByRole('button', { name: 'OK' }).click();
    // Offered once, as a download the user starts; Done only after it and the user's word that it is saved.
    const done = await seen(page.getByRole('button', { name: 'Done' }));
    expect(await done.isDisabled()).toBe(true);
    const key = await downloadOf(page, () => page.getByRole('button', { name: `Download Private Key (${name}.pem)` }).click());
    await page.getByLabel('I have saved the private key; it cannot be downloaded again.').check();
    await done.click();
    rememberSecret('private-key', key.text);
    expect(key.download.suggestedFilename()).toBe(`${name}.pem`);
    await seen(heading(page, name));
    await seen(page.getByText(`Its private key was downloaded as ${name}.pem`));
    // A real private key: ssh-keygen derives from it the public key KPS shows.
    const derived = (await runToolOrThrow('ssh-keygen', ['-y', '-f', key.path])).trim().split(/\s+/).slice(0, 2).join(' ');
    const shown = (await page.getByLabel('Public key').inputValue()).trim().split(/\s+/).slice(0, 2).join(' ');
    expect(derived).toMatch(/^ssh-ed25519 AAAA/);
    expect(derived).toBe(shown);
    // Offered once: the page holds no copy, and KPS has none to export.
    expect(await page.content()).not.toContain(key.text.trim().split('\n')[1] ?? '');
    await seen(page.getByRole('definition').filter({ hasText: /^Not managed$/ }));
    await seen(page.getByRole('button', { name: `Import Private Key of ${name}` }));
    expect(await page.getByRole('button', { name: `Export Private Key of ${name}` }).count()).toBe(0);
    await screenshot(page, 'kps-02-keypair-detail');

    // The server: DEW's inventory entry for the test sshd.
    await page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name: 'Key Pairs' }).click();
    await page.getByRole('navigation', { name: 'Key Pair Service' }).getByRole('link', { name: 'Server List' }).click();
    await seen(heading(page, 'Server List'));
    await page.getByRole('link', { name: 'Register Server' }).click();
    await seen(heading(page, 'Register Server'));
    await page.getByLabel('Server name').fill('test-sshd');
    await page.getByLabel('Address').fill(sshd.host);
    await page.getByLabel('SSH port').fill(String(sshd.port));
    await page.getByLabel('Login user').fill(sshd.user);
    await page.getByLabel('sshd configuration file').fill(sshd.configPath);
    await page.getByLabel('sshd pid file').fill(sshd.pidFile);
    await page.getByRole('button', { name: 'OK' }).click();
    await seen(heading(page, 'Server List'));
    await seen(page.getByText('Server test-sshd registered.'));

    // Bind (3.4.1) with the login password and "disable the password login mode".
    expect(await loginWithPassword(sshd, sshd.password)).toBe(true);
    await page.getByRole('button', { name: 'Bind test-sshd' }).click();
    const bind = await dialog(page, 'Bind Key Pair: test-sshd');
    await bind.getByLabel('New Key Pair').selectOption(name);
    expect(await bind.getByRole('checkbox', { name: 'Disable the password login mode' }).isChecked()).toBe(true);
    await bind.getByRole('checkbox', { name: 'I have read and agree to the Key Pair Service Disclaimer' }).check();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'kps-03-bind-dialog');
    await bind.getByLabel('Login password').fill(sshd.password);
    await bind.getByRole('button', { name: 'OK' }).click();
    // Followed while it runs, then its outcome; the row then shows the pair and offers Replace/Reset/Unbind.
    await seen(page.getByRole('heading', { name: `Bind: key pair ${name} on test-sshd` }));
    await seen(page.getByText(/: Succeeded \(Bind\)/));
    const serverRow = page.getByRole('table', { name: 'Servers' }).getByRole('row').filter({ hasText: 'test-sshd' });
    await seen(serverRow.getByRole('link', { name }));
    await seen(serverRow.getByRole('button', { name: 'Unbind test-sshd' }));
    await seen(page.getByText('No failed task.'));
    await screenshot(page, 'kps-04-server-list-bound');
    expect(await loginWithKey(sshd, key.text)).toBe(true);
    expect(await loginWithPassword(sshd, sshd.password)).toBe(false);
    expect(await sshd.authorizedKeys()).toContain(derived.split(' ')[1]);

    // Unbind (3.4.5) logging in with the private key just downloaded, picked as a file.
    await serverRow.getByRole('button', { name: 'Unbind test-sshd' }).click();
    const unbind = await dialog(page, 'Unbind Key Pair: test-sshd');
    await unbind.getByLabel('Current private key file').setInputFiles(key.path);
    await unbind.getByRole('checkbox', { name: 'I have read and agree to the Key Pair Service Disclaimer' }).check();
    await unbind.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(/: Succeeded \(Unbind\)/));
    await seen(serverRow.getByRole('button', { name: 'Bind test-sshd' }));
    expect(await loginWithKey(sshd, key.text)).toBe(false);
    await context.close();
  });

  it('a bind with a wrong password ends as a failed task with its cause in the list, which can be deleted', async () => {
    const { context, page } = await signedIn();
    await page.goto('/console/#/kps/servers');
    await seen(heading(page, 'Server List'));
    await page.getByRole('button', { name: 'Bind test-sshd' }).click();
    const bind = await dialog(page, 'Bind Key Pair: test-sshd');
    await bind.getByLabel('New Key Pair').selectOption({ index: 1 });
    await bind.getByLabel('Login password').fill(marker('password'));
    await bind.getByRole('checkbox', { name: 'I have read and agree to the Key Pair Service Disclaimer' }).check();
    await bind.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(/: Execution failed \(Bind\)/));
    const failed = page.getByRole('table', { name: 'Failed key pair tasks' });
    await seen(failed.getByRole('row').filter({ hasText: 'test-sshd' }).getByText('KPS.2001'));
    await screenshot(page, 'kps-05-failed-task');
    await failed.getByRole('button', { name: /^Delete failed task / }).click();
    await seen(page.getByText('No failed task.'));
    await context.close();
  });
});

describe('KPS key pair and server management in the console (guide 3.3, 3.4.1, 3.4.2, 3.7)', () => {
  const SERVERS = '/v3/{project_id}/dew-servers';
  type ServerBody = { server: { id: string; name: string; port: number; keypair_name: string | null } };
  const register = async (server: Record<string, unknown>) => {
    const made = await admin.call<ServerBody>('POST', SERVERS, { server });
    expect(made.status).toBe(200);
    return made.body.server;
  };
  /** What `openssl pkeyutl` makes of `secret` under the key pair's RSA public key (PKCS#1 v1.5), as a Windows image's cloud-init does. */
  const encryptedTo = async (sshPublicKey: string, secret: string) => {
    const pub = join(scratch, 'windows.pub');
    writeFileSync(pub, `${sshPublicKey}\n`);
    const pem = join(scratch, 'windows-pub.pem');
    writeFileSync(pem, await runToolOrThrow('ssh-keygen', ['-e', '-m', 'PKCS8', '-f', pub]));
    return execFileSync('openssl', ['pkeyutl', '-encrypt', '-pubin', '-inkey', pem, '-pkeyopt', 'rsa_padding_mode:pkcs1'], { input: secret }).toString('base64');
  };

  it('modify a key pair’s description and upgrade it to an account key pair; bind it to two servers at once with a private key, each task followed (one succeeds, one fails); edit and remove a server; get a Windows password with the managed private key', async () => {
    const { context, page } = await signedIn();
    await page.goto('/console/#/kps/create-keypair');
    await seen(heading(page, 'Create Key Pair'));
    const name = `console-kp-mgmt-${Date.now()}`;
    await page.getByLabel('Key Pair Name').fill(name);
    await page.getByRole('checkbox', { name: 'I agree to have the private key managed by DEW' }).check();
    await page.getByRole('checkbox', { name: 'I have read and agree to the Key Pair Service Disclaimer' }).check();
    await page.getByRole('button', { name: 'OK' }).click();
    await seen(heading(page, name));

    // 3.4.2: the description, changed in place.
    const description = 'web servers of the shop';
    await page.getByRole('button', { name: 'Modify Description' }).click();
    const modify = await dialog(page, `Modify Description of ${name}`);
    await modify.getByLabel('Description').fill(description);
    await modify.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(`The description of ${name} was changed.`));
    await seen(page.getByRole('definition').filter({ hasText: description }));

    // 3.3 steps 5–6: Upgrade Key Pair, select it, OK; the list then shows it as an account key pair.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Key Pairs' }).click();
    await page.getByRole('button', { name: 'Upgrade Key Pair' }).click();
    const upgrade = await dialog(page, 'Upgrade Key Pair');
    await upgrade.getByLabel('Key pair to upgrade').selectOption(name);
    expect(await unlabelledControls(page)).toEqual([]);
    await upgrade.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(`Key pair ${name} is now an account key pair.`));
    await seen(page.getByRole('row').filter({ hasText: name }).getByRole('cell', { name: 'Account key pair' }));
    // Through the API: the account's administrator now sees it, with its description.
    const shown = await admin.call<{ keypair: { scope: string; description: string; public_key: string } }>('GET', `/v3/{project_id}/keypairs/${name}`);
    expect(shown.status).toBe(200);
    expect(shown.body.keypair).toMatchObject({ scope: 'domain', description });

    // The inventory: the test sshd, a server nothing listens on, and a Windows server whose password is sealed to the pair.
    const live = await register({ name: `batch-live-${Date.now()}`, address: sshd.host, port: sshd.port, login_user: sshd.user, sshd_config_path: sshd.configPath, sshd_pid_file: sshd.pidFile });
    const dead = await register({ name: `batch-dead-${Date.now()}`, address: '127.0.0.1', port: 1, login_user: sshd.user });
    const windowsPassword = marker('password');
    const windows = await register({ name: `win-${Date.now()}`, address: '127.0.0.1', os: 'Windows', encrypted_password: await encryptedTo(shown.body.keypair.public_key, windowsPassword) });

    // The sshd's password login may be off (an earlier bind disabled it): KPS logs in with a key the server accepts, as an administrator's.
    const login = { path: join(scratch, 'admin-login') };
    await runToolOrThrow('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', login.path]);
    mkdirSync(join(sshd.home, '.ssh'), { recursive: true, mode: 0o700 });
    appendFileSync(join(sshd.home, '.ssh', 'authorized_keys'), readFileSync(`${login.path}.pub`), { mode: 0o600 });
    rememberSecret('private-key', readFileSync(login.path, 'utf8'));

    // 3.4.1 for several servers: select both, Bind Key Pair, one way to log in, OK; each task is followed to its end.
    await page.getByRole('navigation', { name: 'Key Pair Service' }).getByRole('link', { name: 'Server List' }).click();
    await seen(heading(page, 'Server List'));
    await page.getByRole('checkbox', { name: `Select ${live.name}` }).check();
    await page.getByRole('checkbox', { name: `Select ${dead.name}` }).check();
    await page.getByRole('button', { name: 'Bind Key Pair (2 selected)' }).click();
    const bind = await dialog(page, 'Bind Key Pair: 2 servers');
    await bind.getByLabel('New Key Pair').selectOption(name);
    await bind.getByRole('radio', { name: 'Private key' }).check();
    await bind.getByLabel('Current private key file').setInputFiles(login.path);
    await bind.getByRole('checkbox', { name: 'I have read and agree to the Key Pair Service Disclaimer' }).check();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'kps-06-batch-bind-dialog');
    await bind.getByRole('button', { name: 'OK' }).click();
    const followed = (server: string) => page.getByRole('region', { name: `Bind: key pair ${name} on ${server}` });
    await seen(followed(live.name).getByText(/: Succeeded \(Bind\)/));
    await seen(followed(dead.name).getByText(/: Execution failed \(Bind\)/));
    await seen(page.getByRole('table', { name: 'Failed key pair tasks' }).getByRole('row').filter({ hasText: dead.name }));
    await screenshot(page, 'kps-07-batch-bind-tasks');
    const listed = await admin.call<{ servers: ServerBody['server'][] }>('GET', `${SERVERS}?limit=1000`);
    expect(listed.body.servers.find((s) => s.id === live.id)?.keypair_name).toBe(name);
    expect(listed.body.servers.find((s) => s.id === dead.id)?.keypair_name).toBeNull();
    expect(await sshd.authorizedKeys()).toContain(shown.body.keypair.public_key.split(' ')[1]);

    // Delete All asks first: Cancel keeps the failed tasks, OK empties the list (KPS agrees).
    const failedTasks = async () => (await admin.call<{ total: number }>('GET', '/v3/{project_id}/failed-tasks')).body.total;
    expect(await failedTasks()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Delete All' }).click();
    await (await dialog(page, 'Delete all failed key pair tasks')).getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await failedTasks()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Delete All' }).click();
    await (await dialog(page, 'Delete all failed key pair tasks')).getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText('No failed task.'));
    expect(await failedTasks()).toBe(0);

    // The inventory entry itself: edit, then remove (confirmed).
    await page.getByRole('button', { name: `Edit ${dead.name}` }).click();
    const edit = await dialog(page, `Edit Server ${dead.name}`);
    const renamed = `${dead.name}-renamed`;
    await edit.getByLabel('Server name').fill(renamed);
    await edit.getByLabel('SSH port').fill('2222');
    expect(await unlabelledControls(page)).toEqual([]);
    await edit.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(`Server ${renamed} saved.`));
    expect((await admin.call<ServerBody>('GET', `${SERVERS}/${dead.id}`)).body.server).toMatchObject({ name: renamed, port: 2222 });
    await page.getByRole('button', { name: `Remove ${renamed}` }).click();
    await (await dialog(page, `Remove Server ${renamed}`)).getByRole('button', { name: 'Remove' }).click();
    await seen(page.getByText(`Server ${renamed} removed.`));
    expect((await admin.call('GET', `${SERVERS}/${dead.id}`)).status).toBe(404);

    // 3.7: Get Password, decrypted by the private key DEW manages for the pair; it leaves with the dialog.
    await page.getByRole('button', { name: `Get Password ${windows.name}` }).click();
    const get = await dialog(page, `Get Password of ${windows.name}`);
    await get.getByRole('radio', { name: 'Private key managed by DEW' }).check();
    await get.getByLabel('Key pair').selectOption(name);
    await get.getByRole('button', { name: 'Get Password' }).click();
    expect(await (await seen(get.getByLabel('Administrator password'))).inputValue()).toBe(windowsPassword);
    await get.getByRole('button', { name: 'Cancel' }).click();
    await seen(heading(page, 'Server List'));
    expect(await page.content()).not.toContain(windowsPassword);
    await context.close();
  });
});
