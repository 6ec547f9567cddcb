/** Builds the 重層 subgraph service without starting it (index.ts starts it). */
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import DataLoader from 'dataloader';
import { unauthenticatedRequest } from '../../shared/access/errors';
import type { PersonFacts } from '../../shared/access/facts';
import { CREDENTIAL_HEADER, CredentialVerifier } from '../../shared/auth/gateway-credential';
import type { ServiceOptions } from '../../shared/http/service';
import { createLogger } from '../../shared/logger';
import { parse } from 'graphql';
import { startable } from '../../shared/http/service';
import { JUSO_DEFAULT_PORT } from '../../shared/services';
import type { SubgraphService } from '../service';
import type { FieldEntry } from '../../shared/schema/welfare-fields';
import { jusoSdl } from '../../shared/schema/welfare-fields';
import { seedJuso } from './seed';
import type { Store } from '../../shared/store';
import { loadMeetingFacts, loadPersonFacts, requestFacts, unknownPerson } from './facts';
import { createLoaders } from './loaders';
import { JusoRepository } from './repository';
import type { JusoContext } from './resolvers';
import { resolvers } from './resolvers';

export const JUSO_SCHEMA_FILE = path.join(__dirname, 'schema.graphql');
const log = createLogger('juso');

/** The ids of the Person entities in an answer: the gateway's next fetches are about them. */
function personRefs(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) personRefs(item, out);
  else if (node !== null && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if (obj.__typename === 'Person' && typeof obj.id === 'string') out.add(obj.id);
    for (const value of Object.values(obj))
      if (value !== null && typeof value === 'object') personRefs(value, out);
  }
  return out;
}

/**
 * Hands this request's access decisions to the gateway, which audits them; and, when the
 * answer holds Person entities (a household's members, before the gateway fetches their
 * four fields), the access facts of those people and of the meeting the request acts in,
 * read now, in this request. The gateway then decides the silo fetches on them without a
 * separate _accessFacts round trip (issue 13): the same facts, as fresh, one hop fewer.
 */
const reportDecisions: ApolloServerPlugin<JusoContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        const ids = [...personRefs(result.data, new Set())];
        let accessFacts: {
          people: PersonFacts[];
          meeting: Awaited<ReturnType<typeof loadMeetingFacts>>;
        } | null = null;
        if (ids.length) {
          try {
            const access = contextValue.access;
            const people = (await access.personFacts.loadMany(ids)).filter(
              (p): p is PersonFacts => !(p instanceof Error),
            );
            const meeting = access.viewer.meetingId === null ? null : await access.meeting();
            if (people.length === ids.length) accessFacts = { people, meeting };
          } catch (error) {
            // The gateway falls back to _accessFacts: facts it cannot get are never guessed.
            log.warn({ err: error, requestId: contextValue.requestId }, 'access facts not attached');
          }
        }
        result.extensions = {
          ...result.extensions,
          accessDecisions: [...contextValue.access.decisions.values()],
          ...(accessFacts ? { accessFacts } : {}),
        };
      },
    };
  },
};

export interface JusoServiceOptions {
  verifier?: CredentialVerifier;
  /** Behave as under NODE_ENV=production (no introspection, …); default: NODE_ENV. */
  production?: boolean;
  /** The fields of the graph's silos (enum WelfareField); default the built-in silos'. */
  fields?: readonly FieldEntry[];
}

export async function createJusoService(
  store: Store,
  options: JusoServiceOptions = {},
): Promise<ServiceOptions<JusoContext>> {
  const repo = new JusoRepository(store);
  await repo.ensureIndexes();
  const verifier = options.verifier ?? (await CredentialVerifier.fromEnv('juso'));
  const schema = buildSubgraphSchema([
    { typeDefs: parse(jusoSdl(JUSO_SCHEMA_FILE, options.fields)), resolvers },
  ]);
  const apollo = new ApolloServer<JusoContext>({
    schema,
    // Apollo's own production defaults (introspection, landing page) follow nodeEnv.
    ...(options.production === undefined
      ? {}
      : { nodeEnv: options.production ? 'production' : 'development' }),
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (stopOnSignals); several graphs may share a process (tests, the kit).
    stopOnTerminationSignals: false,
    // Traces would describe resolver timing to whoever can call us; we do not ship them.
    plugins: [ApolloServerPluginInlineTraceDisabled(), reportDecisions],
  });
  return {
    name: 'juso',
    apollo,
    context: async ({ headers, rawBody }) => {
      const header = headers[CREDENTIAL_HEADER];
      let credential;
      try {
        credential = await verifier.verify(typeof header === 'string' ? header : undefined, rawBody, headers);
      } catch (error) {
        log.warn({ reason: (error as Error).message }, 'request refused: no valid gateway credential');
        throw unauthenticatedRequest();
      }
      const meetingId = credential.meetingId;
      let meeting: ReturnType<typeof loadMeetingFacts> | null = null;
      const loaders = createLoaders(repo);
      const facts = requestFacts(repo, loaders);
      return {
        // The gateway's request id, from the credential's subject: for log lines and the span.
        requestId: credential.requestId,
        loaders,
        repo,
        now: new Date(),
        access: {
          viewer: {
            principal: { staffId: credential.staffId, agency: { ...credential.agency, name: '' } },
            meetingId,
            requestId: credential.requestId,
          },
          personFacts: new DataLoader<string, PersonFacts>(async (ids) =>
            (await loadPersonFacts(facts, ids)).map((p, i) => p ?? unknownPerson(ids[i] as string)),
          ),
          meeting: () => (meeting ??= meetingId ? loadMeetingFacts(repo, meetingId) : Promise.resolve(null)),
          decisions: new Map(),
        },
      };
    },
  };
}

/** The 重層 subgraph as one process (index.ts). */
export const jusoService: SubgraphService = {
  service: 'juso',
  port: JUSO_DEFAULT_PORT,
  create: async (store) => startable(await createJusoService(store)),
  seed: seedJuso,
};
