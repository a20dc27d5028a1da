/**
 * Which policy names also match a requested action (docs/authorization.md "Action names").
 *
 * An operation may go by several names of equal scope: a `Version 5.0` name and its `Version 1.1`
 * or older alias (`kms:cmk:retireGrant` ↔ `kms:grant:retire`). Any of them matches any other.
 * Some 1.1 names are coarse: `kms:dek:crypto` covers encrypt-datakey and decrypt-datakey. A coarse
 * name in a policy matches each operation it covers, but matching never goes from coarse to fine:
 * a request always names one operation's own action, and a policy naming one fine action allows
 * that operation only. Every entry stays inside one service (the KPS unbind alias
 * `ecs:serverKeypairs:unbind` is left out on purpose: DEW has no ECS permissions, and a
 * cross-service alias would let `ecs:*:*` open a KPS operation).
 */
export interface OperationNames {
  /** Names of this one operation, the route's action first; each matches every other. */
  readonly names: readonly string[];
  /** Coarse names that cover this operation and others: they match it, it never matches them. */
  readonly coveredBy?: readonly string[];
}

export const OPERATION_NAMES: readonly OperationNames[] = [
  // KMS: the v5 name is the route's action; the 1.1 coarse name covers two operations.
  { names: ['kms:cmk:createDataKey'], coveredBy: ['kms:dek:create'] },
  { names: ['kms:cmk:createDataKeyWithoutPlaintext'], coveredBy: ['kms:dek:create'] },
  { names: ['kms:cmk:encryptDataKey', 'kms:dek:encrypt'], coveredBy: ['kms:dek:crypto'] },
  { names: ['kms:cmk:decryptDataKey', 'kms:dek:decrypt'], coveredBy: ['kms:dek:crypto'] },
  { names: ['kms:cmk:encryptData'], coveredBy: ['kms:cmk:crypto'] },
  { names: ['kms:cmk:decryptData'], coveredBy: ['kms:cmk:crypto'] },
  { names: ['kms:grant:retire', 'kms:cmk:retireGrant'] },
  { names: ['kms:cmk:generate', 'kms::generateRandom'] },
  // KPS: 1.1 kps:domainKeypairs:* ↔ v5 kps:SSHKeyPair:*.
  { names: ['kps:domainKeypairs:create', 'kps:SSHKeyPair:create'] },
  { names: ['kps:domainKeypairs:list', 'kps:SSHKeyPair:list'] },
  { names: ['kps:domainKeypairs:get', 'kps:SSHKeyPair:get'] },
  { names: ['kps:domainKeypairs:update', 'kps:SSHKeyPair:update'] },
  { names: ['kps:domainKeypairs:delete', 'kps:SSHKeyPair:delete'] },
  { names: ['kps:domainKeypairs:importpk', 'kps:SSHKeyPair:importPrivateKey'] },
  { names: ['kps:domainKeypairs:exportpk', 'kps:SSHKeyPair:exportPrivateKey'] },
  { names: ['kps:domainKeypairs:clearpk', 'kps:SSHKeyPair:clearPrivateKey'] },
  { names: ['kps:domainKeypairs:bind', 'kps:SSHKeyPair:bind'] },
  { names: ['kps:domainKeypairs:unbind', 'kps:SSHKeyPair:unbind'] },
  // CSMS: 1.1 csms:secret:<verb> ↔ csms:secretVersion:* / csms:secretStage:*; events.
  { names: ['csms:secret:createVersion', 'csms:secretVersion:create'] },
  { names: ['csms:secret:listVersion', 'csms:secretVersion:list'] },
  { names: ['csms:secret:getVersion', 'csms:secretVersion:get'] },
  { names: ['csms:secret:updateVersion', 'csms:secretVersion:update'] },
  { names: ['csms:secret:updateStage', 'csms:secretStage:update'] },
  { names: ['csms:event:create', 'csms::createEvent'] },
  { names: ['csms:event:get', 'csms::getEvent'] },
];

const MATCHED_BY: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, Set<string>>();
  for (const operation of OPERATION_NAMES) {
    const matching = [...operation.names, ...(operation.coveredBy ?? [])].map((n) => n.toLowerCase());
    for (const name of operation.names) {
      const lower = name.toLowerCase();
      const set = map.get(lower) ?? new Set<string>();
      for (const other of matching) set.add(other);
      map.set(lower, set);
    }
  }
  return new Map([...map].map(([name, set]) => [name, [...set]]));
})();

/**
 * The names a policy pattern may match to allow or deny `action`, lower-cased: the action itself,
 * the other names of the same operation, and the coarse names that cover it.
 */
export function namesMatching(action: string): readonly string[] {
  const lower = action.toLowerCase();
  return MATCHED_BY.get(lower) ?? [lower];
}
