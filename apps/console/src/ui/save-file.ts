/** How long the Blob's URL outlives the click: some browsers start reading it only after the click returns. */
const REVOKE_AFTER_MS = 60_000;

/**
 * Offers `text` to the browser as a file download named `fileName`. Call it from the user's own
 * click (browsers may refuse a download a script starts later). The text goes into a Blob whose
 * object URL is revoked a minute later, so nothing of it stays reachable from the page (a private
 * key or a secret's backup is downloaded, never kept by the console).
 */
export function saveFile(fileName: string, text: string, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
