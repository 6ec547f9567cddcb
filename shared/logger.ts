/**
 * Structured logs, one child logger per module. JSON lines (one per event) wherever a
 * machine reads them; readable lines (pino-pretty) when a person watches a terminal:
 * `npm start` in a TTY. LOG_FORMAT=json or LOG_FORMAT=pretty chooses explicitly.
 *
 * A line about a request carries its request id as the field `requestId`, given by the
 * caller from the service's context (observability/request-id.ts): the gateway's id,
 * which travels to the subgraphs in the subject of their credential, so one grep follows
 * a request through all six services.
 */
import pino from 'pino';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import PinoPretty from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

/** JSON unless a person is reading: a TTY (and not under Jest), or LOG_FORMAT=pretty. */
export function logFormat(
  env: NodeJS.ProcessEnv = process.env,
  isTTY = process.stdout.isTTY === true,
): LogFormat {
  if (env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty') return env.LOG_FORMAT;
  return isTTY && !env.JEST_WORKER_ID ? 'pretty' : 'json';
}

/**
 * The pretty form: time, level, `service/module [request id] message`, then the other
 * fields. Synchronous, like pino's default destination, so that the last lines before
 * an exit are not lost (a transport's worker thread could still hold them).
 */
export function prettyStream(destination?: NodeJS.WritableStream, colorize = true): DestinationStream {
  return PinoPretty({
    colorize,
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,module,requestId',
    messageFormat: '{if service}{service}/{end}{module} {if requestId}[{requestId}] {end}{msg}',
    ...(destination ? { destination } : {}),
  });
}

export function loggerOptions(env: NodeJS.ProcessEnv = process.env): LoggerOptions {
  return {
    level: env.LOG_LEVEL ?? (env.JEST_WORKER_ID ? 'silent' : 'info'),
    base: { service: env.SERVICE_NAME },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

const root =
  logFormat() === 'pretty'
    ? pino(loggerOptions(), prettyStream(undefined, process.stdout.isTTY === true))
    : pino(loggerOptions());

export type { Logger };

export function createLogger(module: string): Logger {
  return root.child({ module });
}
