// class-transformer keeps its decorators' metadata in this module and ships no types beside it
// (they are under types/); ./validation-instances.ts reads it.
declare module 'class-transformer/cjs/storage.js' {
  export const defaultMetadataStorage: import('class-transformer/types/MetadataStorage.js').MetadataStorage;
}
