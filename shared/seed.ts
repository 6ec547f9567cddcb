/**
 * The contract every service's seed implements (`SiloSpec.seed`, the 重層 subgraph's
 * seed): what a seed is asked to load. The demo town it loads, and the helpers the
 * seeds share, are in town/.
 */

/** What every service's seed takes: the canonical scenarios plus N synthetic residents. */
export interface SeedOptions {
  syntheticResidents: number;
}
