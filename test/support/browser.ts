/**
 * What the browser tests share: a test graph with the demo sign-in on, and Debian's
 * Chromium driven by playwright-core (no browser is ever downloaded).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { TestGraph, TestGraphOptions } from './graph';
import { startTestGraph } from './graph';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '../artifacts');

/** A test graph whose gateway serves the demo sign-in (decided when the gateway is built). */
export async function startDashboardGraph(options: TestGraphOptions = {}): Promise<TestGraph> {
  const before = process.env.DEV_IDP_SIGNIN;
  process.env.DEV_IDP_SIGNIN = '1';
  try {
    return await startTestGraph(options);
  } finally {
    if (before === undefined) delete process.env.DEV_IDP_SIGNIN;
    else process.env.DEV_IDP_SIGNIN = before;
  }
}

/**
 * Headless Chromium with its background connections off: this machine's closed network
 * refuses them, many at a time, and slows every start.
 */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
