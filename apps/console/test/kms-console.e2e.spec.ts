import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DewSystem, IamUsers, marker, rememberSecret, type SdkClient } from '@dew/testing';
import { DESKTOP, launchChromium, screenshot, seen, unlabelledControls } from './browser.js';

/**
 * The KMS chapters of the user guide beyond the first slice (docs/console.md): the import wizard
 * with the guide's OpenSSL commands, batch actions on the key list, default keys, and a key's
 * tags, rotation policy and grants.
 */
let dew: DewSystem;
let admin: SdkClient;
let browser: Browser;
let user: { name: string; password: string };
let granteeId: string;

beforeAll(async () => {
  [dew, browser] = await Promise.all([DewSystem.start(), launchChromium()]);
  admin = dew.client();
  const iam = new IamUsers(dew, admin, 'kms-console');
  const made = await iam.withPolicies([await iam.systemPolicy('KMS Administrator')]);
  const password = marker('password');
  const named = await admin.call<{ user: { name: string } }>('PATCH', `/v3/users/${made.id}`, { user: { password } });
  expect(named.status).toBe(200);
  user = { name: named.body.user.name, password };
  granteeId = (await iam.withPolicies([])).id;
});
afterAll(async () => {
  await browser?.close();
  await dew?.stop();
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
const keyRow = (page: Page, alias: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name: alias, exact: true }) });

async function apiKey(alias: string): Promise<string> {
  const res = await admin.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: alias });
  expect(res.status).toBe(200);
  return res.body.key_info.key_id;
}

async function keyState(keyId: string): Promise<string> {
  return (await admin.kms<{ key_info: { key_state: string } }>('describe-key', { key_id: keyId })).body.key_info.key_state;
}

/** Saves what clicking the link downloads, under the name the console gave it; answers that name. */
async function download(page: Page, link: Locator, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const name = file.suggestedFilename();
  await file.saveAs(join(dir, name));
  return name;
}

describe('KMS walk-throughs of the user guide in Chromium', () => {
  const wrap = (wrappingKey: string, md: string) =>
    `openssl pkeyutl -in PlaintextKeyMaterial.bin -inkey ${wrappingKey} -out EncryptedKeyMaterial.bin -keyform der -pubin -encrypt -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:${md}`;
  const IMPORTS = [
    {
      spec: 'AES_256',
      wrapping: 'RSAES_OAEP_SHA_256',
      commands: (wrappingKey: string) => ['openssl rand -out PlaintextKeyMaterial.bin 32', wrap(wrappingKey, 'sha256')],
      uploads: [['Key material', 'EncryptedKeyMaterial.bin']],
      secrets: [['key-material', 'PlaintextKeyMaterial.bin']],
      crypto: {},
    },
    {
      spec: 'RSA_2048',
      wrapping: 'RSAES_OAEP_SHA_1',
      commands: (wrappingKey: string) => [
        'openssl rand -out 0xPlaintextKeyMaterial.bin -hex 32',
        'cat 0xPlaintextKeyMaterial.bin | xxd -r -ps > PlaintextKeyMaterial.bin',
        wrap(wrappingKey, 'sha1'),
        'openssl genrsa -out rsa_private_key.pem 2048',
        'openssl pkcs8 -topk8 -inform PEM -outform DER -in rsa_private_key.pem -out rsa_private_key.der -nocrypt',
        'openssl enc -id-aes256-wrap-pad -K $(cat 0xPlaintextKeyMaterial.bin) -iv A65959A6 -in rsa_private_key.der -out out_rsa_private_key.der',
      ],
      uploads: [['Temporary key material', 'EncryptedKeyMaterial.bin'], ['Private key ciphertext', 'out_rsa_private_key.der']],
      secrets: [['key-material', 'PlaintextKeyMaterial.bin'], ['private-key', 'rsa_private_key.der'], ['private-key', 'rsa_private_key.pem']],
      crypto: { encryption_algorithm: 'RSAES_OAEP_SHA_256' },
    },
  ] as const;

  it.each(IMPORTS)('import wizard, $spec wrapped by $wrapping: an empty external key, its wrapping key and token downloaded, the OpenSSL commands the page shows run on them, the wrapped files and token uploaded; the key then encrypts and decrypts', async (c) => {
    const pictures = c.spec === 'AES_256';
    const { context, page } = await signedIn();
    await page.getByRole('link', { name: 'Import Key' }).click();
    await seen(heading(page, 'Import Key'));
    const alias = `console-byok-${c.spec}-${Date.now()}`;
    await page.getByLabel('Alias').fill(alias);
    await page.getByLabel('Key algorithm').selectOption(c.spec);
    await page.getByLabel('Usage').selectOption('ENCRYPT_DECRYPT');
    const next = page.getByRole('button', { name: 'Next' });
    expect(await next.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'I understand the security and durability of using an imported key' }).check();
    expect(await unlabelledControls(page)).toEqual([]);
    if (pictures) await screenshot(page, 'kms-01-import-create');
    await next.click();

    // Step 2: the wrapping algorithm (Table 1-5), then the import items and the commands.
    const stepTwo = await seen(page.getByRole('heading', { name: 'Download the Import Items' }));
    expect(await stepTwo.evaluate((h) => h === h.ownerDocument.activeElement)).toBe(true);
    await page.getByLabel('Wrapping algorithm').selectOption(c.wrapping);
    await page.getByRole('button', { name: 'Get Wrapping Key and Token' }).click();
    const dir = mkdtempSync(join(tmpdir(), 'console-byok-'));
    const wrappingKey = await download(page, await seen(page.getByRole('link', { name: 'Download the wrapping key' })), dir);
    const token = await download(page, page.getByRole('link', { name: 'Download the import token' }), dir);
    expect(wrappingKey).toMatch(/^wrappingKey_[0-9a-f-]+_\d{8}T\d{6}Z$/);
    expect(token).toMatch(/^importToken_/);
    // The guide's notice for SHA-1, from the API's own warning.
    expect(await page.getByRole('alert').count()).toBe(c.wrapping === 'RSAES_OAEP_SHA_1' ? 1 : 0);
    // The wrapping key is an RSA public key in binary DER, as the guide's pkeyutl -keyform der reads it.
    expect(execSync(`openssl pkey -pubin -inform DER -in ${wrappingKey} -noout -text`, { cwd: dir }).toString()).toMatch(/Public-Key: \(\d+ bit\)/);
    if (pictures) await screenshot(page, 'kms-02-import-download');

    // The guide's commands as the page shows them, run by the real openssl beside the downloads.
    const commands = ((await page.getByLabel('Wrap the key material with OpenSSL').textContent()) ?? '').split('\n').filter(Boolean);
    expect(commands).toEqual(c.commands(wrappingKey));
    for (const command of commands) execSync(command, { cwd: dir, stdio: 'pipe', shell: '/bin/bash' });
    for (const [kind, file] of c.secrets) rememberSecret(kind, readFileSync(join(dir, file)));
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 3: the wrapped files; step 4: the token, never expiring.
    await seen(page.getByRole('heading', { name: 'Import Key Material' }));
    for (const [label, file] of c.uploads) await page.getByLabel(label, { exact: true }).setInputFiles(join(dir, file));
    await page.getByRole('button', { name: 'Next' }).click();
    await seen(page.getByRole('heading', { name: 'Import Key Token' }));
    await page.getByLabel('Key import token').setInputFiles(join(dir, token));
    expect(await page.getByRole('radio', { name: 'Key material will never expire' }).isChecked()).toBe(true);
    expect(await unlabelledControls(page)).toEqual([]);
    if (pictures) await screenshot(page, 'kms-03-import-token');
    await page.getByRole('button', { name: 'OK', exact: true }).click();

    await seen(heading(page, alias));
    await seen(page.getByText(`Key imported successfully: ${alias} is enabled.`));
    await seen(page.getByRole('definition').filter({ hasText: /^External$/ }));
    // The online tool encrypts under the imported material: KMS itself opens the result, and the tool opens what KMS made.
    const keyId = (await page.getByRole('definition').locator('code').first().textContent()) ?? '';
    const plaintext = marker('plaintext');
    await page.getByLabel('Data to encrypt').fill(plaintext);
    await page.getByRole('button', { name: 'Execute' }).click();
    await seen(page.getByText('Encrypted: the ciphertext is shown.'));
    const fromTool = await page.getByLabel('Ciphertext', { exact: true }).inputValue();
    const opened = await admin.kms<{ key_id: string; plain_text: string }>('decrypt-data', { cipher_text: fromTool, key_id: keyId, ...c.crypto });
    expect([opened.body.key_id, opened.body.plain_text]).toEqual([keyId, plaintext]);
    const other = marker('plaintext');
    const fromApi = await admin.kms<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: other, ...c.crypto });
    await page.getByRole('radio', { name: 'Decrypt' }).check();
    await page.getByLabel('Ciphertext to decrypt').fill(fromApi.body.cipher_text);
    await page.getByRole('button', { name: 'Execute' }).click();
    await seen(page.getByText('Decrypted: the plaintext is shown.'));
    expect(await page.getByLabel('Plaintext', { exact: true }).inputValue()).toBe(other);
    await context.close();
  });

  it('batch: two selected keys are disabled and enabled behind the guide’s dialogs; a key the API refuses shows its code beside the others’ success; default keys list the services’ keys', async () => {
    const stamp = Date.now();
    const aliases = [`console-batch-a-${stamp}`, `console-batch-b-${stamp}`];
    const ids = await Promise.all(aliases.map(apiKey));
    // CSMS makes csms/default for a secret that names no key.
    expect((await admin.call('POST', '/v1/{project_id}/secrets', { name: `console-batch-${stamp}`, secret_string: marker('secret-value') })).status).toBe(200);
    const { context, page } = await signedIn();
    const batch = page.getByRole('group', { name: 'Batch operations' });
    for (const alias of aliases) await (await seen(keyRow(page, alias))).getByRole('checkbox', { name: `Select ${alias}` }).check();
    await seen(batch.getByText('2 selected.'));
    await batch.getByRole('button', { name: 'Disable', exact: true }).click();
    const disable = await seen(page.getByRole('dialog', { name: 'Disable 2 selected keys' }));
    expect(await disable.getByRole('button', { name: 'OK' }).isDisabled()).toBe(true);
    await disable.getByRole('checkbox', { name: 'I understand the impact of disabling keys' }).check();
    await screenshot(page, 'kms-04-batch-disable-confirmation');
    await disable.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByRole('heading', { name: '2 of 2 keys disabled.' }));
    for (const alias of aliases) await seen(keyRow(page, alias).getByRole('cell', { name: 'Disabled', exact: true }));
    expect(await Promise.all(ids.map(keyState))).toEqual(['3', '3']);

    // Enable both, with a third key that is already enabled: KMS refuses that one alone.
    const third = `console-batch-c-${stamp}`;
    await apiKey(third);
    // Back to the list through the tabs, which loads it again.
    await page.getByRole('link', { name: 'Default Keys' }).click();
    await seen(heading(page, 'Default Keys'));
    await page.getByRole('navigation', { name: 'Key lists' }).getByRole('link', { name: 'Custom Keys' }).click();
    for (const alias of [...aliases, third]) await (await seen(keyRow(page, alias))).getByRole('checkbox', { name: `Select ${alias}` }).check();
    await batch.getByRole('button', { name: 'Enable', exact: true }).click();
    await (await seen(page.getByRole('dialog', { name: 'Enable 3 selected keys' }))).getByRole('button', { name: 'OK' }).click();
    await seen(page.getByRole('heading', { name: '2 of 3 keys enabled; 1 failed.' }));
    const results = page.getByRole('region', { name: 'Batch results' });
    for (const alias of aliases) await seen(results.getByRole('row', { name: alias }).getByText('Succeeded'));
    const refused = results.getByRole('row', { name: third });
    await seen(refused.getByText(/^Failed: .*not disabled/));
    expect(await refused.locator('code').textContent()).toBe('KMS.1201');
    expect(await Promise.all(ids.map(keyState))).toEqual(['2', '2']);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'kms-05-batch-results');

    await page.getByRole('link', { name: 'Default Keys' }).click();
    await seen(heading(page, 'Default Keys'));
    const csms = page.getByRole('row').filter({ hasText: 'csms/default' });
    await seen(csms.getByRole('cell', { name: 'Enabled', exact: true }));
    await seen(csms.getByRole('cell', { name: 'default', exact: true }));
    expect(await page.getByRole('link', { name: aliases[0] ?? '' }).count()).toBe(0);
    await screenshot(page, 'kms-06-default-keys');
    await context.close();
  });

  it('key details: add a tag, enable rotation every 90 days, create a grant for another user and revoke it; the API sees each change', async () => {
    const alias = `console-settings-${Date.now()}`;
    const keyId = await apiKey(alias);
    const { context, page } = await signedIn();
    await (await seen(page.getByRole('link', { name: alias, exact: true }))).click();
    await seen(heading(page, alias));
    const tabs = page.getByRole('tablist', { name: 'Key settings' });
    const panel = page.getByRole('tabpanel');

    // Tags (guide 1.6.1).
    await tabs.getByRole('tab', { name: 'Tags' }).click();
    await (await seen(panel.getByRole('button', { name: 'Add Tag' }))).click();
    const addTag = await seen(page.getByRole('dialog', { name: 'Add Tag' }));
    await addTag.getByLabel('Tag key').fill('cost');
    await addTag.getByLabel('Tag value').fill('100');
    await addTag.getByRole('button', { name: 'OK' }).click();
    await seen(panel.getByRole('row', { name: /cost\s+100/ }));
    expect((await admin.call<{ tags: unknown[] }>('GET', `/v1.0/{project_id}/kms/${keyId}/tags`)).body.tags).toEqual([{ key: 'cost', value: '100' }]);

    // Rotation policy (guide 1.7.2), reached by keyboard (arrow keys move between tabs): on, 90 days; the key's one material so far is current.
    await tabs.getByRole('tab', { name: 'Tags' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await tabs.getByRole('tab', { name: 'Rotation Policy' }).getAttribute('aria-selected')).toBe('true');
    await (await seen(panel.getByRole('button', { name: 'Enable Rotation' }))).click();
    const rotation = await seen(page.getByRole('dialog', { name: 'Enable Key Rotation' }));
    await rotation.getByLabel('Rotation period (days)').fill('20');
    expect(await rotation.getByRole('button', { name: 'OK' }).isDisabled()).toBe(true);
    await rotation.getByLabel('Rotation period (days)').fill('90');
    await rotation.getByRole('button', { name: 'OK' }).click();
    await seen(panel.getByText('Key rotation enabled: every 90 days.'));
    await seen(panel.getByRole('definition').filter({ hasText: /^90 days$/ }));
    await seen(panel.getByRole('region', { name: 'Key material versions' }).getByText('Current (encrypts and decrypts)'));
    const status = await admin.kms<{ key_rotation_enabled: boolean; rotation_interval: number }>('get-key-rotation-status', { key_id: keyId });
    expect([status.body.key_rotation_enabled, status.body.rotation_interval]).toEqual([true, 90]);
    await screenshot(page, 'kms-07-key-rotation');

    // Grants (guide 1.8): create for another user, then revoke.
    await tabs.getByRole('tab', { name: 'Grants' }).click();
    await (await seen(panel.getByRole('button', { name: 'Create Grant' }))).click();
    const create = await seen(page.getByRole('dialog', { name: 'Create Grant' }));
    await create.getByLabel('User ID').fill(granteeId);
    await create.getByRole('checkbox', { name: 'Create Grant', exact: true }).check();
    expect(await create.getByRole('button', { name: 'OK' }).isDisabled()).toBe(true);
    await create.getByRole('checkbox', { name: 'Encrypt Data', exact: true }).check();
    await create.getByRole('checkbox', { name: 'Decrypt Data', exact: true }).check();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'kms-08-grant-create');
    await create.getByRole('button', { name: 'OK' }).click();
    await seen(panel.getByText('Grant created successfully.'));
    const row = panel.getByRole('row').filter({ hasText: granteeId });
    await seen(row.getByText('Create Grant, Encrypt Data, Decrypt Data'));
    const listed = await admin.kms<{ grants: { grant_id: string; grantee_principal: string; operations: string[] }[] }>('list-grants', { key_id: keyId });
    expect(listed.body.grants.map((g) => [g.grantee_principal, g.operations])).toEqual([[granteeId, ['create-grant', 'encrypt-data', 'decrypt-data']]]);
    await screenshot(page, 'kms-09-grants');
    await row.getByRole('button', { name: /^Revoke grant / }).click();
    await (await seen(page.getByRole('dialog', { name: 'Revoke Grant' }))).getByRole('button', { name: 'Yes' }).click();
    await seen(panel.getByText('Grant revoked successfully.'));
    await seen(panel.getByText('No grants on this key.'));
    expect((await admin.kms<{ grants: unknown[] }>('list-grants', { key_id: keyId })).body.grants).toEqual([]);
    await context.close();
  });
});
