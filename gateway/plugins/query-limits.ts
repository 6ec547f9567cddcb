/**
 * Limits on what one query may ask, by graphql-armor (Escape's well-kept set of
 * GraphQL protections): depth, aliases, directives, tokens and cost. Rejections are
 * BAD_USER_INPUT with a message that names the limit but not its value, so a caller
 * cannot tune a query to sit just under it. Field suggestions ("Did you mean …") are
 * blocked in production so the schema cannot be mapped by typos.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ValidationRule } from 'graphql';

/**
 * Generous for the dashboard: its household query is depth 6 and costs about 330 in
 * graphql-armor's model (measured); the limits leave several times that.
 */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 10,
  /** Enforced by graphql-js's parser (parseOptions.maxTokens), so it answers 400, not 500. */
  maxTokens: 3000,
  maxCost: 2000,
} as const;

/** graphql-js's message for too many tokens names the limit; this one does not. */
export const TOO_LONG = 'Query is too long.';
export const isTokenLimitError = (message: string) =>
  /Document contains more th(?:an|at) \d+ tokens/.test(message);

export interface QueryLimitProtection {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
}

export function queryLimits(production: boolean): QueryLimitProtection {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, exposeLimits: false, errorMessage: 'Query is too deep.' },
    maxAliases: {
      n: QUERY_LIMITS.maxAliases,
      exposeLimits: false,
      errorMessage: 'Query uses too many aliases.',
    },
    maxDirectives: {
      n: QUERY_LIMITS.maxDirectives,
      exposeLimits: false,
      errorMessage: 'Query uses too many directives.',
    },
    // Armor's token limit throws inside a plugin hook, which Apollo answers with a 500.
    maxTokens: { enabled: false },
    costLimit: {
      maxCost: QUERY_LIMITS.maxCost,
      exposeLimits: false,
      errorMessage: 'Query is too expensive.',
    },
    blockFieldSuggestion: { enabled: production, mask: '' },
  });
  const protection = armor.protect();
  return {
    plugins: protection.plugins as ApolloServerPlugin[],
    validationRules: protection.validationRules as ValidationRule[],
  };
}
