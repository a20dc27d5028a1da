import { ApiError } from '../api/errors';

/** A failed call as the user sees it: the API's message and its code, announced at once (role=alert). */
export function ErrorNotice({ error }: { readonly error: unknown }) {
  if (error === null || error === undefined) return null;
  const api = error instanceof ApiError ? error : null;
  const message = api ? api.message : error instanceof Error ? `The console could not reach DEW: ${error.message}` : String(error);
  return (
    <div role="alert" className="notice error">
      <p>{message}</p>
      {api ? (
        <p className="code">
          Error code: <code>{api.code}</code>
        </p>
      ) : null}
    </div>
  );
}

/** A finished action, announced politely (role=status). */
export function StatusNotice({ message }: { readonly message: string | null }) {
  return (
    <div role="status" className={message ? 'notice ok' : 'notice empty'}>
      {message}
    </div>
  );
}
