import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium: Playwright's own download cannot run here, and CI installs the distribution's. */
export const CHROMIUM_PATH = process.env.SIGNALBOX_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

export interface ControlRoomPage {
  page: Page;
  /** Uncaught errors in the page; a test ends by expecting none. */
  errors: string[];
}

/** A common laptop screen: the control room must read well at this size, detail panel open. */
export const VIEWPORT = { width: 1280, height: 800 };

/** Opens the control room as the lead would: the URL `signalbox serve` printed, token in the hash. */
export async function openControlRoom(browser: Browser, controlRoom: string): Promise<ControlRoomPage> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(controlRoom);
  await page.getByTestId('connection').getByText('Live').waitFor();
  return { page, errors };
}

/** Presses the mouse at `from`, moves to `to` in steps as a hand would, and lets go. */
export async function dragTo(page: Page, from: { x: number; y: number }, to: Locator): Promise<void> {
  const box = await to.boundingBox();
  if (!box) throw new Error('The drop target is not on screen.');
  const end = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 5, from.y + 5);
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await page.mouse.up();
}

export async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('The element is not on screen.');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Picks a theme through the header's theme control, as the lead would (it cycles system → light → dark). */
export async function chooseTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const control = page.getByRole('button', { name: /^Theme: / });
  for (let click = 0; click < 3 && (await control.textContent()) !== `Theme: ${theme}`; click++) await control.click();
  await page.locator(`html[data-theme="${theme}"]`).waitFor({ state: 'attached' });
}

/** The page's computed background colour, `rgb(r, g, b)`; evaluated in the page, where the DOM is. */
export async function backgroundOf(page: Page): Promise<string> {
  return String(await page.evaluate('getComputedStyle(document.body).backgroundColor'));
}
