export function chromiumPath(): string;
export const CHROMIUM_ARGS: string[];
export function launchOptions(): {executablePath: string; headless: boolean; args: string[]};
