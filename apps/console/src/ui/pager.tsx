/** Marker paging as KMS and CSMS answer it: back to the first page, or on to the next one. */
export function Pager({ marker, next, go }: { readonly marker: string | undefined; readonly next: string | null | undefined; readonly go: (marker: string | undefined) => void }) {
  if (!marker && !next) return null;
  return (
    <nav aria-label="Pages" className="pager">
      {marker ? (
        <button type="button" onClick={() => go(undefined)}>
          First page
        </button>
      ) : null}
      {next ? (
        <button type="button" onClick={() => go(next)}>
          Next page
        </button>
      ) : null}
    </nav>
  );
}
