/** What every resolver of the 重層 subgraph gets for one request. */
import type { AccessState } from './access';
import type { JusoLoaders } from './loaders';
import type { JusoRepository } from './repository';

export interface JusoContext {
  /** The gateway's request id, from its credential: for log lines and the span. */
  requestId: string;
  loaders: JusoLoaders;
  repo: JusoRepository;
  now: Date;
  access: AccessState;
}
