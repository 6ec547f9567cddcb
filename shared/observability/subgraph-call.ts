/**
 * One gateway → subgraph request: its count, latency and result (ok, http_error,
 * error, timeout) in the metrics, and with tracing on a client span whose
 * `traceparent` the caller sends — and signs into the credential — with the request.
 */
import type { TraceHeaders } from './tracing';
import { clientTraced } from './tracing';
import { metrics, secondsSince } from './metrics';

export async function observeSubgraphCall<T extends { status: number }>(
  subgraph: string,
  call: (trace: TraceHeaders) => Promise<T>,
  isTimeout: (error: unknown) => boolean,
): Promise<T> {
  const start = process.hrtime.bigint();
  let result = 'error';
  try {
    const answer = await clientTraced(`POST ${subgraph}`, { 'juso.subgraph': subgraph }, call, (r) => ({
      'http.response.status_code': r.status,
    }));
    result = answer.status >= 200 && answer.status < 300 ? 'ok' : 'http_error';
    return answer;
  } catch (error) {
    result = isTimeout(error) ? 'timeout' : 'error';
    throw error;
  } finally {
    metrics.subgraphRequests.inc({ subgraph, result });
    metrics.subgraphDuration.observe({ subgraph }, secondsSince(start));
  }
}
