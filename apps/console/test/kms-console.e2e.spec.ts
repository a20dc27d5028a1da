import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DewSystem, IamUsers, marker, refusal, rememberSecret, type SdkClient } from '@dew/testing';
import { launchChromium, screenshot, seen, signInToConsole, unlabelledControls } from './browser.js';

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

function signedIn(): Promise<{ context: BrowserContext; page: Page }> {
  return signInToConsole(browser, dew.endpoint, dew.credentials.domain_name, user);
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
      materialDeletable: true,
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
      materialDeletable: false,
    },
  ] as const;

  it.each(IMPORTS)('import wizard, $spec wrapped by $wrapping: an empty external key, its wrapping key and token downloaded, the OpenSSL commands the page shows run on them, the wrapped files and token uploaded; the key then encrypts and decrypts', async (c) => {
    const pictures = c.spec === 'AES_256';
    const { context, page } = await signedIn();
    await page.getByRole('link', { name: 'Import Key', exact: true }).click();
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

    // Delete Key Material (guide 1.3.3): a symmetric key's material goes and the key is Pending import; an asymmetric key's cannot be deleted alone.
    const deleteMaterial = page.getByRole('button', { name: `Delete Key Material ${alias}` });
    if (!c.materialDeletable) expect(await deleteMaterial.count()).toBe(0);
    else {
      await deleteMaterial.click();
      await (await seen(page.getByRole('dialog', { name: 'Delete Key Material' }))).getByRole('button', { name: 'OK' }).click();
      await seen(page.getByText('Key material deleted successfully.'));
      await seen(page.getByRole('definition').filter({ hasText: /^Pending import$/ }));
      expect(await keyState(keyId)).toBe('5');
    }
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

  it('key list: Search by Tag lists only the keys with every tag searched for, Reset lists all again; Add to Project moves a key to another enterprise project; the API agrees', async () => {
    const stamp = Date.now();
    const [both, one] = [`console-tagged-both-${stamp}`, `console-tagged-one-${stamp}`];
    const team = `team-${stamp}`;
    for (const [alias, tags] of [[both, [{ key: 'env', value: 'prod' }, { key: 'team', value: team }]], [one, [{ key: 'env', value: 'prod' }]]] as const) {
      expect((await admin.kms('create-key', { key_alias: alias, tags })).status).toBe(200);
    }
    const { context, page } = await signedIn();
    await seen(keyRow(page, one));
    await page.getByRole('button', { name: 'Search by Tag' }).click();
    const search = page.getByRole('region', { name: 'Search by Tag' });
    for (const [key, value] of [['env', 'prod'], ['team', team]] as const) {
      await search.getByLabel('Tag key').fill(key);
      await search.getByLabel('Tag value').fill(value);
      await search.getByRole('button', { name: 'Add', exact: true }).click();
    }
    await seen(search.getByRole('listitem').filter({ hasText: `team=${team}` }));
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'kms-10-search-by-tag');
    await search.getByRole('button', { name: 'Search', exact: true }).click();
    await seen(page.getByRole('table', { name: 'Custom keys' }).getByRole('link', { name: both, exact: true }));
    await page.getByRole('link', { name: one, exact: true }).waitFor({ state: 'detached' });
    // One criterion fewer: both keys have env=prod.
    await search.getByRole('button', { name: `Remove team=${team}` }).click();
    await search.getByRole('button', { name: 'Search', exact: true }).click();
    await seen(keyRow(page, one));
    await seen(keyRow(page, both));
    await search.getByRole('button', { name: 'Reset' }).click();
    await seen(keyRow(page, one));

    // Add to Project (guide 1.4.6): the row's action, a project, OK.
    await keyRow(page, both).getByRole('button', { name: `Add to Project ${both}` }).click();
    const move = await seen(page.getByRole('dialog', { name: 'Add to Project' }));
    await move.getByLabel('Enterprise project', { exact: true }).selectOption({ label: 'Another enterprise project…' });
    await move.getByLabel('Enterprise project ID').fill(`ep-${stamp}`);
    await screenshot(page, 'kms-11-add-to-project');
    await move.getByRole('button', { name: 'OK' }).click();
    await seen(page.getByText(`Key ${both} added to enterprise project ep-${stamp}.`));
    await seen(keyRow(page, both).getByRole('cell', { name: `ep-${stamp}`, exact: true }));
    const keyId = (await keyRow(page, both).locator('.id').textContent()) ?? '';
    const moved = await admin.kms<{ key_info: { sys_enterprise_project_id: string } }>('describe-key', { key_id: keyId });
    expect(moved.body.key_info.sys_enterprise_project_id).toBe(`ep-${stamp}`);
    await context.close();
  });

  it('key details: Edit changes the alias and description; Rotate Now makes a new material; a key policy KMS refuses shows its code under the editor, a valid one is created and deleted; the API sees each change', async () => {
    const alias = `console-manage-${Date.now()}`;
    const keyId = await apiKey(alias);
    const { context, page } = await signedIn();
    await (await seen(page.getByRole('link', { name: alias, exact: true }))).click();
    await seen(heading(page, alias));

    // Edit: alias and description.
    const renamed = `${alias}-renamed`;
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = await seen(page.getByRole('dialog', { name: 'Edit Key' }));
    await edit.getByLabel('Alias').fill(renamed);
    await edit.getByLabel('Description').fill('orders database');
    await edit.getByRole('button', { name: 'OK' }).click();
    await seen(heading(page, renamed));
    await seen(page.getByRole('definition').filter({ hasText: /^orders database$/ }));
    const described = (await admin.kms<{ key_info: { key_alias: string; key_description: string } }>('describe-key', { key_id: keyId })).body.key_info;
    expect([described.key_alias, described.key_description]).toEqual([renamed, 'orders database']);

    // Rotate Now: a second material, the first kept for decryption.
    const tabs = page.getByRole('tablist', { name: 'Key settings' });
    const panel = page.getByRole('tabpanel');
    await tabs.getByRole('tab', { name: 'Rotation Policy' }).click();
    await (await seen(panel.getByRole('button', { name: 'Rotate Now' }))).click();
    await (await seen(page.getByRole('dialog', { name: 'Rotate Now' }))).getByRole('button', { name: 'OK' }).click();
    await seen(panel.getByText('Key rotated: new material encrypts from now on.'));
    await seen(panel.getByText('Earlier (decrypts only)'));
    const rotation = await admin.kms<{ number_of_rotations: number; key_materials: unknown[] }>('get-key-rotation-status', { key_id: keyId });
    expect([rotation.body.number_of_rotations, rotation.body.key_materials.length]).toEqual([1, 2]);

    // Key policy: a bad principal is refused by KMS (KMS.2801) under the editor; a valid one is created, then deleted.
    await tabs.getByRole('tab', { name: 'Key Policy' }).click();
    const editor = await seen(panel.getByLabel('Key policy (JSON)'));
    await editor.fill('{"Version": "1.1", "Statement": [');
    await panel.getByRole('button', { name: 'Create Key Policy' }).click();
    await seen(panel.locator('.field-error').getByText(/^The policy is not valid JSON/));
    const bad = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:encryptData'], Principal: { IAM: ['account:42'] } }] };
    await editor.fill(JSON.stringify(bad));
    await panel.getByRole('button', { name: 'Create Key Policy' }).click();
    const refused = await seen(panel.locator('.field-error').getByRole('alert'));
    expect(await refused.textContent()).toContain('Statement[0].Principal.IAM[0]');
    expect(await refused.textContent()).toContain('Error code: KMS.2801');
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await editor.getAttribute('aria-describedby')) ?? '';
    expect(await panel.locator('.field-error').getAttribute('id')).toBe(describedBy.split(' ').at(-1));
    await screenshot(page, 'kms-12-key-policy-refused');
    const good = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:encryptData', 'kms:cmk:decryptData'], Principal: { IAM: [`user:${granteeId}`] } }] };
    await editor.fill(JSON.stringify(good));
    await panel.getByRole('button', { name: 'Create Key Policy' }).click();
    await seen(panel.getByText('Key policy created.'));
    const shown = await admin.kms<{ policy: string }>('show-key-policy', { key_id: keyId });
    expect(JSON.parse(shown.body.policy)).toEqual(good);
    await panel.getByRole('button', { name: 'Delete Key Policy' }).click();
    await (await seen(page.getByRole('dialog', { name: 'Delete Key Policy' }))).getByRole('button', { name: 'OK' }).click();
    await seen(panel.getByText('Key policy deleted.'));
    await seen(panel.getByRole('button', { name: 'Create Key Policy' }));
    expect(refusal(await admin.kms('show-key-policy', { key_id: keyId }))).toEqual({ status: 404, code: 'KMS.2803' });
    expect(await unlabelledControls(page)).toEqual([]);
    await context.close();
  });
});
