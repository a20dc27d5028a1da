import { getMetadataStorage, type MetadataStorage } from 'class-validator';

type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];
type GroupedMetadata = ReturnType<MetadataStorage['groupByPropertyName']>;

const MEMOISED = Symbol.for('dew:class-validator-metadata-memoised');

/**
 * class-validator looks a class's rules up on every validation by scanning every class it knows
 * (the DTOs of every context) for ancestors, then regroups them by property: per message and per
 * nested object, work in the number of DTOs rather than in the body. A class's rules are fixed once
 * its module has loaded, so both answers are kept per (class, options); adding a rule (a module
 * loaded later) forgets them all. The answers are the library's own, so every check and every
 * refusal stays as it was; the executor only reads them (class-validator 0.15).
 */
export function memoiseValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const marked = storage as MetadataStorage & { [MEMOISED]?: true };
  if (marked[MEMOISED]) return;
  marked[MEMOISED] = true;

  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const addMetadata = storage.addValidationMetadata.bind(storage);
  let byClass = new WeakMap<object, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], GroupedMetadata>();

  storage.addValidationMetadata = (metadata) => {
    byClass = new WeakMap();
    grouped = new WeakMap();
    addMetadata(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${always ? 1 : 0}${strictGroups ? 1 : 0}${schema ?? ''}\0${groups === undefined ? '-' : `+${groups.join('\0')}`}`;
    let forClass = byClass.get(target);
    if (forClass === undefined) byClass.set(target, (forClass = new Map()));
    let found = forClass.get(key);
    if (found === undefined) forClass.set(key, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (found === undefined) grouped.set(metadata, (found = group(metadata)));
    return found;
  };
}
