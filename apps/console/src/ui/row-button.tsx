/** A row's operation: the button reads "Disable", a screen reader hears "Disable alice" (the row it acts on). */
export function RowButton({ label, subject, onClick }: { readonly label: string; readonly subject: string; readonly onClick: () => void }) {
  return (
    <button type="button" onClick={onClick} aria-label={`${label} ${subject}`}>
      {label}
    </button>
  );
}
