// First: tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set) starts before anything loads graphql.
import '../shared/observability/register';
import { DemoKeysError } from '../shared/auth/demo-keys';
import { stopOnSignals } from '../shared/http/service';
import { createLogger } from '../shared/logger';
import { GATEWAY_DEFAULT_PORT } from '../shared/services';
import { startService } from '../shared/http/service';
import { createGatewayService } from './server';

const log = createLogger('gateway');

async function main(): Promise<void> {
  const service = await createGatewayService();
  const running = await startService(
    service,
    Number(process.env.PORT ?? GATEWAY_DEFAULT_PORT),
    process.env.HOST ?? '127.0.0.1',
  );
  stopOnSignals(() => running.stop());
}

main().catch((error: unknown) => {
  // Refused demo keys: the message says what to do, in plain words where an operator looks.
  if (error instanceof DemoKeysError) console.error(`\n${error.message}\n`);
  log.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
