import {sendKeys} from '@web/test-runner-commands';

/**
 * Presses a key, or a combination such as `Shift+Enter`, in every browser of the suite.
 * Playwright (Chromium) takes combinations and the name `Space`; puppeteer driving Firefox over
 * WebDriver BiDi knows neither, so modifiers are held down around the key and Space is sent as ' '.
 */
export async function pressKey(key: string): Promise<void> {
  const modifiers = key.length > 1 ? key.split('+') : [key];
  const main = modifiers.pop() ?? key;
  for (const modifier of modifiers) await sendKeys({down: modifier});
  try {
    await sendKeys({press: main === 'Space' ? ' ' : main});
  } finally {
    for (const modifier of modifiers.reverse()) await sendKeys({up: modifier});
  }
}
