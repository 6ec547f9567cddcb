/**
 * What a silo declares its import with (subgraphs/<silo>/import/definition.ts): the
 * definition, field kinds, dates, history merging and identity columns. The silo
 * services load it through their silo.ts; the offline engine that runs an import is
 * import/ and is never loaded by a running service.
 */
export * from './dates';
export * from './definition';
export * from './errors';
export * from './fields';
export * from './normalise';
export * from './history';
export * from './identity';
