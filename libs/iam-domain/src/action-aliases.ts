/**
 * Action aliases (API.md §9, §10 "Action names"): an operation may go by a `Version 1.1` name and
 * a newer `Version 5.0` name (or older aliases); a policy naming any of them covers the operation.
 * Each entry lists the names of ONE operation. Equivalence is one hop, not transitive: the coarse
 * 1.1 name `kms:dek:crypto` covers both encrypt-datakey and decrypt-datakey, so a request for it
 * matches either fine name, but a request for `kms:cmk:decryptDataKey` never matches a policy
 * naming only `kms:cmk:encryptDataKey`. Every entry stays inside one service (the KPS unbind
 * alias `ecs:serverKeypairs:unbind` is left out on purpose: DEW has no ECS permissions, and a
 * cross-service alias would let `ecs:*:*` open a KPS operation).
 */
export const ACTION_ALIASES: readonly (readonly string[])[] = [
  // KMS (§9.1): v5 name first, then the 1.1 name and older aliases.
  ['kms:cmk:createDataKey', 'kms:dek:create'],
  ['kms:cmk:createDataKeyWithoutPlaintext', 'kms:dek:create'],
  ['kms:cmk:encryptDataKey', 'kms:dek:crypto', 'kms:dek:encrypt'],
  ['kms:cmk:decryptDataKey', 'kms:dek:crypto', 'kms:dek:decrypt'],
  ['kms:cmk:encryptData', 'kms:cmk:crypto'],
  ['kms:cmk:decryptData', 'kms:cmk:crypto'],
  ['kms:cmk:retireGrant', 'kms:grant:retire'],
  ['kms::generateRandom', 'kms:cmk:generate'],
  // KPS (§9.2): v5 kps:SSHKeyPair:* ↔ 1.1 kps:domainKeypairs:*.
  ['kps:SSHKeyPair:create', 'kps:domainKeypairs:create'],
  ['kps:SSHKeyPair:list', 'kps:domainKeypairs:list'],
  ['kps:SSHKeyPair:get', 'kps:domainKeypairs:get'],
  ['kps:SSHKeyPair:update', 'kps:domainKeypairs:update'],
  ['kps:SSHKeyPair:delete', 'kps:domainKeypairs:delete'],
  ['kps:SSHKeyPair:importPrivateKey', 'kps:domainKeypairs:importpk'],
  ['kps:SSHKeyPair:exportPrivateKey', 'kps:domainKeypairs:exportpk'],
  ['kps:SSHKeyPair:clearPrivateKey', 'kps:domainKeypairs:clearpk'],
  ['kps:SSHKeyPair:bind', 'kps:domainKeypairs:bind'],
  ['kps:SSHKeyPair:unbind', 'kps:domainKeypairs:unbind'],
  // CSMS (§9.3): 1.1 csms:secret:<verb> ↔ csms:secretVersion:* / csms:secretStage:*; events.
  ['csms:secret:createVersion', 'csms:secretVersion:create'],
  ['csms:secret:listVersion', 'csms:secretVersion:list'],
  ['csms:secret:getVersion', 'csms:secretVersion:get'],
  ['csms:secret:updateVersion', 'csms:secretVersion:update'],
  ['csms:secret:updateStage', 'csms:secretStage:update'],
  ['csms::createEvent', 'csms:event:create'],
  ['csms::getEvent', 'csms:event:get'],
];

const EQUIVALENTS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, Set<string>>();
  for (const names of ACTION_ALIASES) {
    const lower = names.map((n) => n.toLowerCase());
    for (const name of lower) {
      const set = map.get(name) ?? new Set<string>([name]);
      for (const other of lower) set.add(other);
      map.set(name, set);
    }
  }
  return new Map([...map].map(([name, set]) => [name, [...set]]));
})();

/** The action and every name it also goes by, lower-cased (the action alone if it has no alias). */
export function equivalentActions(action: string): readonly string[] {
  const lower = action.toLowerCase();
  return EQUIVALENTS.get(lower) ?? [lower];
}
