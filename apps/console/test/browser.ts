import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium (`.ci/run` and `make test-prereqs` install it); Playwright downloads no browser. */
export const CHROMIUM = process.env.DEW_CHROMIUM ?? '/usr/bin/chromium';
/** Ceiling of one wait for something the user should see: generous for a loaded CI machine, never a pause. */
export const SEE_MS = 30_000;

export const DESKTOP = { width: 1280, height: 800 } as const;
export const NARROW = { width: 390, height: 844 } as const;

export function launchChromium(): Promise<Browser> {
  // Root in CI has no user namespace sandbox to give Chromium.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'], headless: true });
}

/**
 * A new browser context (downloads accepted) signed in to the console at `endpoint` as `user` of
 * the account `domain`, once the first screen (Custom keys) shows.
 */
export async function signInToConsole(browser: Browser, endpoint: string, domain: string, user: { readonly name: string; readonly password: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: DESKTOP, baseURL: endpoint, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto('/console/');
  await (await seen(page.getByLabel('Account (domain) name'))).fill(domain);
  await page.getByLabel('User name').fill(user.name);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await seen(page.getByRole('heading', { level: 1, name: 'Custom keys' }));
  return { context, page };
}

/** Waits until the user can see it (and fails naming it after SEE_MS); answers it for chaining. */
export async function seen(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible', timeout: SEE_MS });
  return locator;
}

/**
 * How many elements `locator` matches once that number is `expected`, or after SEE_MS the last
 * number seen: a list that is still being replaced (the first page, then a search's results) is
 * counted once it has settled, not in passing.
 */
export async function countOnce(locator: Locator, expected: number): Promise<number> {
  const deadline = Date.now() + SEE_MS;
  let count = await locator.count();
  while (count !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    count = await locator.count();
  }
  return count;
}

// Functions handed to page.evaluate run in the page; these are the page globals they use (this
// file is type-checked with Node's types, not the DOM's).
interface PageControl {
  readonly labels: { readonly length: number; readonly 0?: { readonly textContent: string | null } } | null;
  readonly outerHTML: string;
  readonly textContent: string | null;
  readonly tagName: string;
  readonly id: string;
  getAttribute(name: string): string | null;
  closest(selector: string): PageControl | null;
}
declare const document: { readonly documentElement: { readonly scrollWidth: number }; readonly activeElement: PageControl | null; querySelectorAll(selector: string): Iterable<PageControl> };
declare const window: { readonly innerWidth: number; getComputedStyle(el: PageControl): { readonly outlineStyle: string; readonly outlineWidth: string } };
declare const localStorage: { readonly length: number };
declare const sessionStorage: { readonly length: number };

const SCREENS = fileURLToPath(new URL('../../../docs/screens/', import.meta.url));

/**
 * docs/screens/<name>.png of what the page shows now, when DEW_CONSOLE_SCREENSHOTS=1 (so an
 * ordinary run leaves the committed pictures alone; docs/console.md says how to refresh them).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.DEW_CONSOLE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: `${SCREENS}${name}.png`, animations: 'disabled', caret: 'hide' });
}

/** Every form control on the page that a screen reader could not name: none may exist. */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((c) => (c.labels?.length ?? 0) === 0 && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby'))
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

/** True when the page is no wider than the window (nothing hidden off to the right at this size). */
export function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** How many items the page's origin keeps in localStorage and sessionStorage. */
export function webStorageItems(page: Page): Promise<number> {
  return page.evaluate(() => localStorage.length + sessionStorage.length);
}

/** Every button and link on the page without a name a screen reader could read out: none may exist. */
export function unnamedButtons(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, a[href], [role="button"], [role="tab"]')]
      .filter((c) => !(c.getAttribute('aria-label') ?? c.textContent ?? '').trim() && !c.getAttribute('aria-labelledby'))
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

/** What has the keyboard focus: its accessible name (aria-label, its label, or its text), tag, and whether its focus outline shows. */
export function focused(page: Page): Promise<{ name: string; tag: string; id: string; outlined: boolean; inDialog: boolean } | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el.tagName === 'BODY') return null;
    const label = el.labels?.[0]?.textContent;
    const style = window.getComputedStyle(el);
    return {
      name: (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').trim(),
      tag: el.tagName.toLowerCase(),
      id: el.id,
      outlined: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
      inDialog: el.closest('dialog') !== null,
    };
  });
}

/** Presses Tab until the control named `name` has the focus (failing after `max` presses): proves it is in the tab order. */
export async function tabTo(page: Page, name: string, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page))?.name === name) return;
  }
  throw new Error(`${max} presses of Tab never reached "${name}"`);
}

/** Waits until the focus is on the element with this id, or named `name` (aria-label): what closing a dialog gives focus back to. */
export async function focusReaches(page: Page, target: { readonly id: string } | { readonly name: string }): Promise<void> {
  await page.waitForFunction(
    (t) => {
      const el = document.activeElement;
      return el !== null && ('id' in t ? el.id === t.id : el.getAttribute('aria-label') === t.name);
    },
    target,
    { timeout: SEE_MS },
  );
}
