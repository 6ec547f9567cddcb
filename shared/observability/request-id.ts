/**
 * The request a log line or a span belongs to. Each service puts the request id in its
 * GraphQL context (the gateway makes it; a subgraph reads it from the subject of the
 * gateway's credential), and whoever logs or annotates inside a request takes it from
 * there and writes it as a field.
 *
 * Passed explicitly rather than carried by AsyncLocalStorage: on Node 20 that enables
 * promise hooks for every promise in the process, which cost the subgraph process ~10%
 * of its CPU per household query (BENCHMARKS.md).
 */

/** The `requestId` of a service's context, if it has one. */
export function requestIdOf(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  const id = (context as { requestId?: unknown }).requestId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
