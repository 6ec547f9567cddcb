/** The import engine: agencies' CSV exports into their silo's store, and identity linking. */
export * from './dates';
export * from './definition';
export * from './encoding';
export * from './engine';
export * from './errors';
export * from './fields';
export * from './links';
export * from './mapping';
export * from './normalise';
export * from './residents';
export * from './history';
export * from './identity';
