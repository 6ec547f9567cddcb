/**
 * Builds the gateway without starting it: @apollo/gateway over the static supergraph,
 * inside Apollo Server 5, with authentication, per-field access decisions, and the
 * audit log written before anything leaves. index.ts starts it on port 4000.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import { unauthenticatedRequest } from '../shared/access/errors';
import { CredentialSigner } from '../shared/auth/gateway-credential';
import type { KeyInUse } from '../shared/auth/demo-keys';
import { jwkFingerprint, refuseDemoKeys } from '../shared/auth/demo-keys';
import type { Agency, ServiceName, SiloEntry } from '../shared/domain';
import { fieldOfSilo } from '../shared/domain';
import type { RouteHandler, ServiceOptions } from '../shared/http/service';
import { SUBGRAPHS, subgraphUrl } from '../shared/services';
import type { Store } from '../shared/store';
import { openStore } from '../shared/store';
import { observeAuditWrites, observeStore } from '../shared/observability';
import { DEMO_AGENCIES } from '../town/agencies';
import { AuditLog } from './audit/audit-log';
import { checkpointConfigFromEnv } from './audit/checkpoint';
import { reportRoute } from './audit/report-route';
import { auditRoute } from './audit/route';
import { jwksKeysInUse, StaffAuthenticator } from './auth/authenticate';
import type { AuthConfig } from './auth/config';
import { authConfigFromEnv } from './auth/config';
import { loadSupergraph } from './compose';
import type { GatewayContext } from './context';
import { credentialSubject } from './context';
import { dashboardRoutes } from './dashboard';
import type { FetchStats } from './datasource';
import { SubgraphDataSource } from './datasource';
import { RequestFacts } from './enforcement/facts-client';
import { installOperationCache } from './engine/apollo-operation-cache';
import type { EngineName } from './engine/hive-rust';
import { engineFromEnv, HiveRustGateway } from './engine/hive-rust';
import { auditPlugin } from './plugins/audit';
import { makeFormatError } from './plugins/format-error';
import { operationResolution } from './plugins/operation';
import { QUERY_LIMITS, queryLimits } from './plugins/query-limits';
import { enforcesTrustedDocuments, trustedDocuments } from './plugins/trusted-documents';
import type { TrustedManifest } from './trusted/manifest';
import { loadTrustedManifest } from './trusted/manifest';
import { indexSupergraph } from './enforcement/sensitivity';
import { STATISTICS_CSV_PATH, statisticsCsvRoute } from './statistics/route';

export interface GatewayOptions {
  /** Where each subgraph listens; defaults from the environment. */
  subgraphUrls?: Partial<Record<ServiceName, string>> & Record<string, string>;
  /** The silos (service → field) the supergraph holds; default the built-in silos. */
  silos?: readonly SiloEntry[];
  supergraphSdl?: string;
  /** Per-subgraph fetch timeout. */
  subgraphTimeoutMs?: number;
  production?: boolean;
  /** The audit log's store; by default its own (embedded journal or MongoDB). */
  auditStore?: Store;
  signer?: CredentialSigner;
  auth?: AuthConfig;
  /** The town's agency registry (id → role and field). */
  agencies?: readonly Agency[];
  /** Extra GET routes (the dashboard). */
  routes?: Record<string, RouteHandler>;
  /** The query planner and executor under our enforcement; default GATEWAY_ENGINE or apollo. */
  engine?: EngineName;
  /** Run any document in production mode too, as ALLOW_ARBITRARY_OPERATIONS=1 does. */
  allowArbitraryOperations?: boolean;
  /** The trusted operations; by default the dashboard's and gateway/trusted/operations.json. */
  trustedManifest?: TrustedManifest;
  /**
   * Run on the public demo keys even with NODE_ENV=production, as ALLOW_DEMO_KEYS=1
   * does (the test kit, which is the demo town by design). Default: ALLOW_DEMO_KEYS.
   */
  allowDemoKeys?: boolean;
}

export interface GatewayService extends ServiceOptions<GatewayContext> {
  fetchStats: FetchStats;
  auditLog: AuditLog;
  auditStore: Store;
}

/** The audit log's checkpoint signing key, when it signs (AuditLog reads the same configuration). */
function checkpointKeyInUse(): KeyInUse[] {
  const cp = checkpointConfigFromEnv();
  if (!cp.file || !cp.privateKeyFile) return [];
  const jwk = JSON.parse(fs.readFileSync(cp.privateKeyFile, 'utf8')) as Record<string, unknown>;
  return [{ role: 'the audit checkpoint key (AUDIT_CHECKPOINT_KEY_FILE)', fingerprint: jwkFingerprint(jwk) }];
}

const MEETING_ID = /^[A-Za-z0-9_-]{1,64}$/;

export async function createGatewayService(options: GatewayOptions = {}): Promise<GatewayService> {
  const fetchStats: FetchStats = { byService: {} };
  const urls: Record<string, string | undefined> = {
    ...Object.fromEntries(SUBGRAPHS.map((s) => [s.name, subgraphUrl(s.name)])),
    ...Object.fromEntries(Object.entries(options.subgraphUrls ?? {}).filter(([, url]) => url !== undefined)),
  };
  const timeoutMs = options.subgraphTimeoutMs ?? Number(process.env.SUBGRAPH_TIMEOUT_MS ?? 5_000);
  const supergraphSdl = options.supergraphSdl ?? loadSupergraph();
  const index = indexSupergraph(supergraphSdl);
  const signer = options.signer ?? (await CredentialSigner.fromEnv());
  const auth = options.auth ?? authConfigFromEnv();
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const trusted = trustedDocuments<GatewayContext>(
    options.trustedManifest ?? loadTrustedManifest(),
    enforcesTrustedDocuments(production, options.allowArbitraryOperations),
  );
  // The public dev/ keys: refused with NODE_ENV=production unless ALLOW_DEMO_KEYS=1
  // (then logged loudly); in production mode the dashboard says so on every page.
  const demoKeys = refuseDemoKeys(
    'gateway',
    [...signer.keysInUse(), ...jwksKeysInUse(auth), ...checkpointKeyInUse()],
    options.allowDemoKeys ? { ...process.env, ALLOW_DEMO_KEYS: '1' } : process.env,
  );
  const authenticator = new StaffAuthenticator(
    options.allowDemoKeys ? { ...auth, refuseDemoKeys: false } : auth,
    options.agencies ?? DEMO_AGENCIES,
  );
  const auditStore = options.auditStore ?? observeStore(await openStore({ service: 'audit' }), 'audit');
  const auditLog = observeAuditWrites(new AuditLog(auditStore));
  await auditLog.init();
  const factsOptions = { url: urls.juso as string, signer, timeoutMs };

  // Both engines take the same options: the supergraph and one enforcing data source per subgraph.
  const buildService = ({ name }: { name: string }): SubgraphDataSource => {
    const url = urls[name];
    if (!url) throw new Error(`no URL for subgraph ${name}`);
    const field = fieldOfSilo(name, options.silos);
    return new SubgraphDataSource({
      name,
      url,
      stats: fetchStats,
      timeoutMs,
      signer,
      // A silo's record field on Person carries the silo's name (Person.kaigo, …).
      silo: field ? { field, recordFields: [name], index } : null,
    });
  };
  const engine = options.engine ?? engineFromEnv();
  if (engine === 'apollo') installOperationCache();
  const gateway =
    engine === 'hive-rust'
      ? new HiveRustGateway({ supergraphSdl, buildService })
      : new ApolloGateway({ supergraphSdl, buildService });
  const limits = queryLimits(production);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Production: no schema by introspection, no field suggestions, masked errors.
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (stopOnSignals); several graphs may share a process (tests, the kit).
    stopOnTerminationSignals: false,
    formatError: makeFormatError(production),
    validationRules: limits.validationRules,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    // Batched operations multiply the work of one request past every per-query limit.
    allowBatchedHttpRequests: false,
    // Refuses simple (form-like) POSTs and GETs without a preflight header: CSRF.
    csrfPrevention: true,
    persistedQueries: trusted.persistedQueries,
    plugins: [
      trusted.plugin,
      ...(limits.plugins as ApolloServerPlugin<GatewayContext>[]),
      operationResolution<GatewayContext>(),
      auditPlugin(auditLog),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  return {
    name: 'gateway',
    apollo,
    // Queries are small; a large body is an attack or a mistake.
    maxBodyBytes: 100_000,
    fetchStats,
    auditLog,
    auditStore,
    routes: {
      '/audit': auditRoute(auditLog, authenticator),
      '/audit/report': reportRoute({
        auditLog,
        authenticator,
        juso: factsOptions,
        agencies: options.agencies ?? DEMO_AGENCIES,
      }),
      [STATISTICS_CSV_PATH]: statisticsCsvRoute(),
      ...dashboardRoutes({ production, demoKeysBanner: production && demoKeys.length > 0 }),
      ...options.routes,
    },
    context: async ({ headers }) => {
      const principal = await authenticator.principalOrNull(
        typeof headers.authorization === 'string' ? headers.authorization : undefined,
      );
      if (!principal) throw unauthenticatedRequest();
      const rawMeeting = headers['x-meeting-id'];
      let meetingId: string | null = null;
      if (rawMeeting !== undefined) {
        if (typeof rawMeeting !== 'string' || !MEETING_ID.test(rawMeeting)) {
          throw new GraphQLError('X-Meeting-Id must be a meeting id', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
        meetingId = rawMeeting;
      }
      const emergencyId = emergencyHeader(headers['x-emergency-access'], meetingId);
      const requestId = randomUUID();
      return {
        requestId,
        principal,
        meetingId,
        emergencyId,
        now: new Date(),
        facts: new RequestFacts(
          factsOptions,
          credentialSubject({ principal, meetingId, requestId }),
          emergencyId,
        ),
        decisions: new Map(),
      };
    },
  };
}

const EMERGENCY_ID = /^EA-[A-Za-z0-9_-]{1,64}$/;

/**
 * `X-Emergency-Access: <window id>`: the 緊急時の閲覧 window the request acts in. Like
 * X-Meeting-Id it is a header, not an argument, so one query can read a household with
 * the same fields as always; it never goes with a meeting (one legal basis per request).
 */
function emergencyHeader(raw: string | string[] | undefined, meetingId: string | null): string | null {
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !EMERGENCY_ID.test(raw))
    throw new GraphQLError('X-Emergency-Access must be an emergency access window id', {
      extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
    });
  if (meetingId !== null)
    throw new GraphQLError('act in a meeting or in an emergency access window, not both', {
      extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
    });
  return raw;
}
