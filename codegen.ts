/**
 * GraphQL Code Generator (`npm run codegen`; CI runs `npm run codegen:check`): TypeScript
 * types written from the .graphql files, so that arguments and results are not written by
 * hand a second time. The generated files are committed, so type-checking needs no
 * generation step, and kept out of Prettier and ESLint: they are exactly what the
 * generator writes, which is what `--check` compares against.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

/** Shared by every output: enums as string unions, like the store's own types (model.ts). */
const common = {
  enumsAsTypes: true,
  useTypeImports: true,
  // An input field with a default arrives with it: the resolver never sees it missing.
  avoidOptionals: { defaultValue: true },
};

const config: CodegenConfig = {
  overwrite: true,
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
  },
};

export default config;
