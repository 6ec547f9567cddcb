/** Structured logs: one JSON line per event, one child logger per module. */
import pino from 'pino';
import type { Logger } from 'pino';

const root = pino({
  level: process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
  base: { service: process.env.SERVICE_NAME },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export type { Logger };

export function createLogger(module: string): Logger {
  return root.child({ module });
}
