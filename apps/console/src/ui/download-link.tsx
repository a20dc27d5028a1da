import { useEffect, useMemo, type ReactNode } from 'react';

/**
 * A link that saves these bytes (or text) as a file named `fileName`, made in the page from a
 * Blob: nothing is fetched, and the object URL is released when the link goes.
 */
export function DownloadLink({ data, fileName, children }: { readonly data: Uint8Array<ArrayBuffer> | string; readonly fileName: string; readonly children: ReactNode }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([data], { type: 'application/octet-stream' })), [data]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <a href={url} download={fileName}>
      {children}
    </a>
  );
}
