/**
 * Offers `text` to the browser as a file download named `fileName`. The text goes into a Blob
 * whose object URL is revoked at once after the click, so nothing of it stays reachable from the
 * page (a private key or a secret's backup is downloaded, never kept by the console).
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
  // The click has started the download synchronously; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
