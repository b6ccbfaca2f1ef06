import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
const page = await browser.newPage();
await page.goto('http://127.0.0.1:4191/bench.html');
const src = readFileSync(process.argv[2]!, 'utf8');
console.log(await page.evaluate(`(${'async () => { ' + src + ' return run(); }'})()`));
await browser.close();
