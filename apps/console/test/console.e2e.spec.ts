import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DewSystem, IamUsers, marker, rawSignedRequest, tokenRequest, tracesOf, type SdkClient } from '@dew/testing';
import { DESKTOP, NARROW, fitsWidth, launchChromium, screenshot, seen, unlabelledControls, webStorageItems } from './browser.js';

const HOUR = 3_600_000;

let dew: DewSystem;
let admin: SdkClient;
let browser: Browser;
let user: { name: string; password: string };

beforeAll(async () => {
  [dew, browser] = await Promise.all([DewSystem.start(), launchChromium()]);
  admin = dew.client();
  // A console user as an administrator would make one: a password, KMS and CSMS rights in the project.
  const iam = new IamUsers(dew, admin, 'console');
  const made = await iam.withPolicies([await iam.systemPolicy('KMS Administrator'), await iam.systemPolicy('CSMS FullAccess')]);
  const password = marker('password');
  const named = await admin.call<{ user: { name: string } }>('PATCH', `/v3/users/${made.id}`, { user: { password } });
  expect(named.status).toBe(200);
  user = { name: named.body.user.name, password };
});
afterAll(async () => {
  await browser?.close();
  await dew?.stop();
});

async function openConsole(viewport: { width: number; height: number } = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, baseURL: dew.endpoint });
  const page = await context.newPage();
  await page.goto('/console/');
  return { context, page };
}

/** Signs in with the keyboard only: each field found by its label, Tab between them, Enter to send. */
async function signIn(page: Page, password = user.password): Promise<void> {
  await (await seen(page.getByLabel('Account (domain) name'))).focus();
  await page.keyboard.type(dew.credentials.domain_name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });
const keyRow = (page: Page, alias: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name: alias, exact: true }) });

describe('the console under /console', () => {
  it('answers with the CSP (scripts from itself only, no framing), no-referrer and nosniff, on the page and on its assets', async () => {
    const res = await fetch(`${dew.endpoint}/console/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // No inline script for the CSP to have to allow: every <script> has a src.
    expect(html).toMatch(/<script [^>]*src="\/console\/assets\/[^"]+\.js"/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    const asset = await fetch(`${dew.endpoint}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('content-security-policy')).toBe(csp);
    const bare = await fetch(`${dew.endpoint}/console`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([302, '/console/']);
  });

  it('serves no file outside its build and changes nothing about API authentication', async () => {
    for (const path of ['/console/../package.json', '/console/%2e%2e/%2e%2e/package.json', '/console/..%2f..%2fpackage.json']) {
      const res = await fetch(`${dew.endpoint}${path}`);
      expect(await res.text()).not.toContain('"workspaces"');
    }
    expect((await fetch(`${dew.endpoint}/console/assets/nothing.js`)).status).toBe(404);
    const listKeys = `/v1.0/${dew.credentials.project_id}/kms/list-keys`;
    // From the console's own origin, with whatever the browser holds: no token, no answer.
    const { context, page } = await openConsole();
    const fromPage = await page.evaluate(async (path) => (await fetch(path, { method: 'POST', body: '{}', credentials: 'include', headers: { 'Content-Type': 'application/json', 'X-Dew-Client': 'console' } })).status, listKeys);
    expect(fromPage).toBe(401);
    await context.close();
    expect((await tokenRequest(dew.endpoint, 'POST', listKeys, {}, { 'x-auth-token': 'not-a-token' })).status).toBe(401);
    expect((await rawSignedRequest(dew.endpoint, dew.credentials, 'POST', listKeys, '{}')).status).toBe(200);
  });
});

describe('walk-throughs of the user guide in Chromium', () => {
  it('a wrong password shows IAM’s message and code and keeps the user on the sign-in page', async () => {
    const { context, page } = await openConsole();
    await screenshot(page, '01-sign-in');
    await signIn(page, marker('password'));
    const alert = await seen(page.getByRole('alert'));
    expect(await alert.textContent()).toContain('IAM.0005');
    await seen(heading(page, 'Sign in to DEW'));
    expect(await unlabelledControls(page)).toEqual([]);
    await context.close();
  });

  it('sign in → create key → encrypt and decrypt in the online tool → disable and enable → schedule and cancel deletion → sign out; the token is kept nowhere', async () => {
    const { context, page } = await openConsole();
    await signIn(page);
    await seen(heading(page, 'Custom keys'));
    await page.getByRole('link', { name: 'Create Key' }).click();
    await seen(heading(page, 'Create Key'));
    const alias = `console-key-${Date.now()}`;
    await page.getByLabel('Alias').fill(alias);
    await page.getByLabel('Key algorithm').selectOption('AES_256');
    expect(await page.getByLabel('Usage').inputValue()).toBe('ENCRYPT_DECRYPT');
    await page.getByLabel('Description (optional)').fill('made by the console walk-through');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, '03-key-create');
    await page.getByRole('button', { name: 'OK' }).click();

    // The key's page, with the online tool (guide 1.5).
    await seen(heading(page, alias));
    expect(await page.getByRole('status').first().textContent()).toContain(`Key ${alias} created.`);
    const plaintext = marker('plaintext');
    await page.getByLabel('Data to encrypt').fill(plaintext);
    await page.getByRole('button', { name: 'Execute' }).click();
    await seen(page.getByText('Encrypted: the ciphertext is shown.'));
    const ciphertext = await page.getByLabel('Ciphertext', { exact: true }).inputValue();
    expect(ciphertext).not.toContain(plaintext);
    expect(ciphertext.length).toBeGreaterThan(40);
    await screenshot(page, '04-key-detail-online-tool');
    await page.getByRole('radio', { name: 'Decrypt' }).check();
    await page.getByLabel('Ciphertext to decrypt').fill(ciphertext);
    await page.getByRole('button', { name: 'Execute' }).click();
    await seen(page.getByText('Decrypted: the plaintext is shown.'));
    expect(await page.getByLabel('Plaintext', { exact: true }).inputValue()).toBe(plaintext);
    expect(await unlabelledControls(page)).toEqual([]);
    // CTS records what the console did as the user's ConsoleAction.
    const keyId = (await page.getByRole('definition').locator('code').first().textContent()) ?? '';
    const created = await tracesOf(admin, `resource_id=${keyId}&trace_name=createKey`, 1);
    expect(created.traces.map((t) => [t.trace_type, t.user.name])).toEqual([['ConsoleAction', user.name]]);

    // Disable, by keyboard, behind the guide's "I understand the impact of disabling keys".
    await page.getByRole('button', { name: `Disable ${alias}` }).focus();
    await page.keyboard.press('Enter');
    const disable = await seen(page.getByRole('dialog', { name: `Disable key ${alias}` }));
    expect(await disable.getByRole('button', { name: 'OK' }).isDisabled()).toBe(true);
    await screenshot(page, '05-key-disable-confirmation');
    await disable.getByRole('checkbox', { name: 'I understand the impact of disabling keys' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await seen(page.getByText(`Key ${alias} disabled.`));
    await seen(page.getByRole('definition').filter({ hasText: /^Disabled$/ }));
    await seen(page.getByText('The online encryption tool needs an enabled key'));

    // Back in the list (guide 1.4.2): enable it again.
    await page.getByRole('link', { name: 'Custom keys' }).first().click();
    await seen(heading(page, 'Custom keys'));
    const row = keyRow(page, alias);
    await seen(row.getByRole('cell', { name: 'Disabled', exact: true }));
    await row.getByRole('button', { name: `Enable ${alias}` }).click();
    await (await seen(page.getByRole('dialog', { name: `Enable key ${alias}` }))).getByRole('button', { name: 'OK' }).click();
    await seen(row.getByRole('cell', { name: 'Enabled', exact: true }));
    await screenshot(page, '02-key-list');

    // Schedule deletion (7–1096 days, "I understand the impact of deleting keys"), then cancel it.
    await row.getByRole('button', { name: `Delete ${alias}` }).click();
    const del = await seen(page.getByRole('dialog', { name: `Schedule deletion of key ${alias}` }));
    await del.getByLabel('Waiting period (days)').fill('7');
    await del.getByRole('checkbox', { name: 'I understand the impact of deleting keys' }).check();
    await screenshot(page, '06-key-delete-confirmation');
    await del.getByRole('button', { name: 'Schedule deletion' }).click();
    await seen(row.getByRole('cell', { name: 'Pending deletion', exact: true }));
    await row.getByRole('button', { name: `Cancel Deletion ${alias}` }).click();
    await (await seen(page.getByRole('dialog', { name: `Cancel the deletion of key ${alias}` }))).getByRole('button', { name: 'OK' }).click();
    await seen(row.getByRole('cell', { name: 'Disabled', exact: true }));

    // Memory only: nothing in cookies or web storage, and signing out forgets the session.
    expect(await context.cookies()).toEqual([]);
    expect(await webStorageItems(page)).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await seen(page.getByText('You have signed out.'));
    await page.goto('/console/#/kms/keys');
    await seen(heading(page, 'Sign in to DEW'));
    await context.close();
  });

  it('an API refusal shows the API’s message and its code', async () => {
    const { context, page } = await openConsole();
    await signIn(page);
    await seen(heading(page, 'Custom keys'));
    await page.goto('/console/#/kms/create-key');
    await seen(heading(page, 'Create Key'));
    await page.getByLabel('Alias').fill('has spaces, which KMS refuses');
    await page.getByRole('button', { name: 'OK' }).click();
    const alert = await seen(page.getByRole('alert'));
    expect(await alert.textContent()).toMatch(/Error code: KMS\.\d{4}/);
    await screenshot(page, '11-api-error');
    await context.close();
  });

  it('create secret → add a version → the versions show SYSCURRENT and SYSPREVIOUS', async () => {
    const { context, page } = await openConsole();
    await signIn(page);
    await seen(heading(page, 'Custom keys'));
    await page.getByRole('link', { name: 'Secrets' }).click();
    await seen(heading(page, 'Secrets'));
    await page.getByRole('link', { name: 'Create Secret' }).click();
    await seen(heading(page, 'Create Secret'));
    const name = `console-secret-${Date.now()}`;
    await page.getByLabel('Secret name').fill(name);
    await page.getByLabel('Secret value').fill(marker('secret-value'));
    await page.getByLabel('Description (optional)').fill('made by the console walk-through');
    expect(await page.getByLabel('KMS encryption key').inputValue()).toBe('');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, '08-secret-create');
    await page.getByRole('button', { name: 'OK' }).click();

    await seen(heading(page, name));
    await seen(page.getByText(`Secret ${name} created.`));
    const versions = page.getByRole('table', { name: `Versions of ${name}` });
    await seen(versions.getByRole('row').filter({ hasText: 'v1' }).getByText('SYSCURRENT'));

    await page.getByRole('button', { name: 'Add Secret Version' }).click();
    const add = await seen(page.getByRole('dialog', { name: 'Add Secret Version' }));
    await add.getByLabel('Secret value').fill(marker('secret-value'));
    await screenshot(page, '10-secret-add-version');
    await add.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(/Version v2 added; it is now SYSCURRENT/));
    await seen(versions.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'v1' }) }).getByText('SYSPREVIOUS'));
    await seen(versions.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'v2' }) }).getByText('SYSCURRENT'));
    await screenshot(page, '09-secret-detail-versions');

    await page.getByRole('link', { name: 'Secrets', exact: true }).first().click();
    await seen(page.getByRole('row').filter({ hasText: name }).getByRole('cell', { name: 'Enabled' }));
    await screenshot(page, '07-secret-list');
    await context.close();
  });

  it('on a narrow window the key list fits the width and every screen element stays reachable', async () => {
    const { context, page } = await openConsole(NARROW);
    await signIn(page);
    await seen(heading(page, 'Custom keys'));
    await seen(page.getByRole('link', { name: 'Create Key' }));
    await seen(page.getByRole('navigation', { name: 'Services' }).getByRole('link', { name: 'Secrets' }));
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, '12-narrow-key-list');
    await context.close();
  });

  it('when the token expires the next call returns to sign-in with a message, and signing in again lands on the same screen', async () => {
    const { context, page } = await openConsole();
    await signIn(page);
    await seen(heading(page, 'Custom keys'));
    await page.getByRole('link', { name: 'Secrets' }).click();
    await seen(heading(page, 'Secrets'));
    await dew.advanceClock('iam', 25 * HOUR);
    await page.getByRole('link', { name: 'Custom keys' }).click();
    await seen(heading(page, 'Sign in to DEW'));
    await seen(page.getByText(/Your session has expired\. Sign in again\./));
    await screenshot(page, '13-session-expired');
    await signIn(page);
    await seen(heading(page, 'Custom keys'));
    await context.close();
  });
});
