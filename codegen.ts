/**
 * GraphQL Code Generator (`npm run codegen`; CI runs `npm run codegen:check`): TypeScript
 * types written from the .graphql files, so that arguments and results are not written by
 * hand a second time. The generated files are committed, so type-checking needs no
 * generation step, and kept out of Prettier and ESLint: they are exactly what the
 * generator writes, which is what `--check` compares against.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import type { CodegenConfig } from '@graphql-codegen/cli';
import type { CodegenPlugin } from '@graphql-codegen/plugin-helpers';
import { printSchema } from 'graphql';
import { documentsPlugin, PLUGIN_NAME } from './scripts/codegen-documents';

/**
 * The gateway's API schema, as clients see it: the supergraph that `npm run compose`
 * writes (and `compose:check` holds to the subgraphs) without the federation machinery
 * and without what is @inaccessible.
 */
const apiSchema = printSchema(
  Supergraph.build(fs.readFileSync(path.join(__dirname, 'gateway/supergraph.graphql'), 'utf8'))
    .apiSchema()
    .toGraphQLJSSchema(),
);

const load = createRequire(__filename);

/** Shared by every output: enums as string unions, like the store's own types (model.ts). */
const common = {
  enumsAsTypes: true,
  useTypeImports: true,
  // An input field with a default arrives with it: the resolver never sees it missing.
  avoidOptionals: { defaultValue: true },
};

const config: CodegenConfig = {
  overwrite: true,
  // Our own plugin by its name; every other as codegen would load it.
  pluginLoader: async (name) => (name === PLUGIN_NAME ? documentsPlugin : (load(name) as CodegenPlugin)),
  generates: {
    // The 重層 subgraph: its SDL is the federation header plus schema.graphql, as
    // shared/schema/load.ts puts them together for the running service.
    'subgraphs/juso/generated/graphql.ts': {
      schema: ['shared/schema/federation-header.graphql', 'subgraphs/juso/schema.graphql'],
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        ...common,
        // @key types get __resolveReference; the header's federation directives are known.
        federation: true,
        contextType: '../context#JusoContext',
        // What the resolvers receive and return are the stored documents, not graph objects.
        mappers: {
          Person: '../model#PersonDoc',
          Household: '../model#HouseholdDoc',
          Agency: '../model#AgencyDoc',
          Case: '../model#CaseDoc',
          Plan: '../model#PlanDoc',
          Meeting: '../model#MeetingDoc',
          Consent: '../model#ConsentDoc',
          Intake: '../model#ConsentDoc',
        },
      },
    },
    // The dashboard's operations (one a file, fragments in fragments/): their argument and
    // result types, and their exact text as string constants, for the page, the gateway
    // (trusted manifest, CSV route), the tests and the benchmark alike.
    'dashboard/generated/graphql.ts': {
      schema: apiSchema,
      documents: ['dashboard/operations/**/*.graphql'],
      plugins: ['typescript-operations', PLUGIN_NAME],
      config: {
        ...common,
        // The page reads what it asked for; a field it did not ask for is not there.
        skipTypename: true,
      },
    },
  },
};

export default config;
