import type { Secret } from '../../api/csms';
import { createSecretTag, deleteSecretTag, showSecretTags } from '../../api/csms-manage';
import { useSignedIn } from '../../session';
import { TagsPanel } from '../../ui/tags-panel';

/** Guide 2.4: the Tags area of a secret's details (at most 10, Table 2-2); Add Tag, Edit and Delete. */
export function SecretTags({ secret }: { readonly secret: Secret }) {
  const { api } = useSignedIn();
  const id = secret.id;
  return (
    <section aria-labelledby="tags-title" className="panel">
      <h2 id="tags-title">Tags</h2>
      <TagsPanel
        store={{
          id,
          subject: 'secret',
          max: 10,
          load: () => showSecretTags(api, id),
          save: (k, v) => createSecretTag(api, id, k, v),
          remove: (k) => deleteSecretTag(api, id, k),
        }}
      />
    </section>
  );
}
