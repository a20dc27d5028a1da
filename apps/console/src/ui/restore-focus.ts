/** How long a restored focus is watched for its element leaving the page (a list reloading after a deletion). */
const WATCH_MS = 10_000;

const main = () => document.getElementById('main');

/**
 * Gives the focus back to the control that opened a dialog, or to the page's main region when that
 * control is gone. A control still there may leave a moment later (its row, once the list reloads
 * without the deleted item): the focus then goes to the main region too, never to the body, where
 * a keyboard user would have to start the page over.
 */
export function restoreFocus(opener: HTMLElement | null): void {
  if (!opener?.isConnected) {
    main()?.focus();
    return;
  }
  opener.focus();
  const watch = new MutationObserver(() => {
    if (opener.isConnected) return;
    watch.disconnect();
    if (document.activeElement === null || document.activeElement === document.body) main()?.focus();
  });
  watch.observe(document.body, { childList: true, subtree: true });
  window.setTimeout(() => watch.disconnect(), WATCH_MS);
}
