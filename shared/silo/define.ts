/**
 * A silo declares itself once, in `subgraphs/<silo>/silo.ts`, with `defineSilo({...})`;
 * the list in `subgraphs/silos.ts` feeds everything that treats silos alike (the
 * launcher, composition, the test kit, the import command, the benchmark, and — through
 * the generated `shared/silos.generated.ts` and the dashboard's `silos.generated.ts` —
 * the code that cannot import `subgraphs/`). docs/SILOS.md.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { SensitivityClass, WelfareField } from '../domain';
import type { Startable } from '../http/service';
import { startable } from '../http/service';
import type { SiloImport } from '../import/definition';
import type { SeedOptions } from '../seed';
import type { Store } from '../store';
import type { RecordClass } from './record-classes';
import { registerRecordClasses } from './record-classes';
import type { SiloContext, SiloDefinition, SiloServiceOptions } from './subgraph';
import { createStoredSiloService } from './subgraph';
import type { GraphRecord, LinkedNativeDoc, RecordSource, StoredSiloConfig } from './types';

/** The demo town's agency that runs the silo's field, and its one staff member (SCENARIOS.md). */
export interface SiloAgency {
  id: string;
  name: string;
  staff: { id: string; name: string };
}

export interface SiloSpec<N extends LinkedNativeDoc, G extends GraphRecord> {
  /** The service: process, store, credential audience and `Person.<service>` field, e.g. `kaigo`. */
  service: string;
  /** The 重層 field it serves (`KAIGO`): consents, meetings and own-field rules name it. */
  field: WelfareField;
  /** The field's name for people, e.g. 介護: the dashboard, statistics, docs. */
  label: string;
  /** The default port (`PORT` overrides it). */
  port: number;
  /** Its schema.graphql: `extend type Person @key(fields: "id") { <service>: <Record> }` and the record's types. */
  schemaFile: string;
  /** The native documents' collection, indexes and native → graph mapping (the default adapter). */
  store: StoredSiloConfig<N, G>;
  /** Sensitivity classes that cover a whole record, and how to tell them (record-classes.ts). */
  recordClasses?: readonly RecordClass<G>[];
  /** Resolvers of the record's own types where a property read is not enough. */
  recordResolvers?: GraphQLResolverMap<SiloContext<G>>;
  /** Who runs the field in the demo town. */
  agency: SiloAgency;
  /** The demo town's records in the agency's own shape (SCENARIOS.md). */
  scenarioRecords: readonly N[];
  /** Loads the demo town (and synthetic residents) into an empty store. */
  seed(store: Store, options: SeedOptions): Promise<void>;
  /** How the agency's CSV export becomes native documents (docs/IMPORT.md); absent: no import. */
  import?: SiloImport;
}

export interface Silo<
  N extends LinkedNativeDoc = LinkedNativeDoc,
  G extends GraphRecord = GraphRecord,
> extends SiloSpec<N, G> {
  /** What the subgraph builder needs. */
  definition: SiloDefinition<G>;
  /** The subgraph service over its store, or over an agency's adapter when one is given. */
  create(store: Store, source?: RecordSource<G>, options?: SiloServiceOptions): Promise<Startable>;
  /**
   * The same silo with its record types erased, for lists of silos of different types
   * (the kit's `addSilos`): every silo is an AnySilo whatever its N and G.
   */
  readonly erased: Silo;
}

/** The classes a silo's records carry, by name: what the generated lists hold. */
export function recordClassNames(silo: Pick<SiloSpec<never, never>, 'recordClasses'>): SensitivityClass[] {
  return (silo.recordClasses ?? []).map((c) => c.cls);
}

/**
 * Declares a silo. Its record classes are registered for its field, so the gateway
 * decides them for every read of the field and the silo checks them: one list, both sides.
 */
export function defineSilo<N extends LinkedNativeDoc, G extends GraphRecord>(
  spec: SiloSpec<N, G>,
): Silo<N, G> {
  if (!/^[a-z][a-z0-9]*$/.test(spec.service)) throw new Error(`silo ${spec.service}: a lower-case name`);
  if (!/^[A-Z][A-Z0-9_]*$/.test(spec.field))
    throw new Error(`silo ${spec.service}: field ${spec.field}: upper case`);
  if (spec.import && spec.import.silo !== spec.service)
    throw new Error(`silo ${spec.service}: its import is for ${spec.import.silo}`);
  registerRecordClasses(spec.field, recordClassNames(spec));
  const definition: SiloDefinition<G> = {
    service: spec.service,
    field: spec.field,
    personField: spec.service,
    schemaFile: spec.schemaFile,
    ...(spec.recordResolvers ? { recordResolvers: spec.recordResolvers } : {}),
    ...(spec.recordClasses ? { recordClasses: spec.recordClasses } : {}),
  };
  const silo: Silo<N, G> = {
    ...spec,
    definition,
    create: async (store, source, options) =>
      startable(await createStoredSiloService(store, definition, spec.store, source, options)),
    get erased(): Silo {
      // Sound as the kit uses it: records only flow from this silo's own source to its own schema.
      return silo as unknown as Silo;
    },
  };
  return silo;
}

/** Any silo, whatever its record types: what lists of silos accept (`addSilos: [mySilo]`). */
export type AnySilo = Pick<Silo, 'service' | 'field' | 'erased'>;

/** A silo with its record types erased, for code that treats every silo alike. */
export function anySilo(silo: AnySilo): Silo {
  return silo.erased;
}
