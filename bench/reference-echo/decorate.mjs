// What TypeScript's decorator syntax would emit, for plain JS: class, constructor-parameter,
// method and method-parameter decorators, applied in that order.
export function decorate(cls, { class: onClass = [], params = [], methods = {}, methodParams = {} }) {
  params.forEach((d, i) => d(cls, undefined, i));
  for (const [name, decorators] of Object.entries(methodParams)) decorators.forEach((d, i) => d(cls.prototype, name, i));
  for (const [name, decorators] of Object.entries(methods)) {
    const descriptor = Object.getOwnPropertyDescriptor(cls.prototype, name);
    for (const d of decorators) d(cls.prototype, name, descriptor);
  }
  for (const d of onClass) d(cls);
}

/** The bench started this process over IPC: when it goes, so does this one. */
export function exitWithParent(close) {
  process.on('disconnect', () => void close().finally(() => process.exit(0)));
}
