/**
 * The request a piece of work belongs to, carried by AsyncLocalStorage: the service
 * shell opens a scope per HTTP request, and whoever learns the request id (the
 * gateway when it builds its context, a subgraph when it has verified the gateway's
 * credential, whose subject carries that same id) binds it. Every log line written
 * inside the scope then carries it (shared/logger.ts), across all six services.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestScope {
  requestId?: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` in a fresh request scope (the service shell, once per HTTP request). */
export function inRequestScope<T>(fn: () => T): T {
  return storage.run({}, fn);
}

/** Names the current request; a no-op outside a scope (scripts, start-up). */
export function bindRequestId(requestId: string): void {
  const scope = storage.getStore();
  if (scope && requestId) scope.requestId = requestId;
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
