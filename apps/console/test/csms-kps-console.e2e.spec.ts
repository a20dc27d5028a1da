import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { DewSystem, loginWithKey, loginWithPassword, marker, rememberSecret, runToolOrThrow, startSshd, type SdkClient, type TestSshd } from '@dew/testing';
import { consoleUser } from './console-user.js';
import { DESKTOP, launchChromium, screenshot, seen, unlabelledControls, webStorageItems } from './browser.js';

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

async function signedIn(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: DESKTOP, baseURL: dew.endpoint, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto('/console/');
  await (await seen(page.getByLabel('Account (domain) name'))).fill(dew.credentials.domain_name);
  await page.getByLabel('User name').fill(user.name);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await seen(heading(page, 'Custom keys'));
  return { context, page };
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
