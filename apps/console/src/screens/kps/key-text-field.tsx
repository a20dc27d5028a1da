import { FileField } from '../../ui/file-field';
import { TextArea } from '../../ui/field';

/** A key given either way the guide allows: Select File, or its content pasted (guide 3.2, 3.4.4, 3.5.1). */
export function KeyTextField({ label, value, onChange, accept }: { readonly label: string; readonly value: string; readonly onChange: (text: string) => void; readonly accept?: string }) {
  return (
    <>
      <FileField label={`${label} file`} accept={accept} onText={(text) => onChange(text)} />
      <TextArea label={`${label} content`} value={value} onChange={onChange} rows={5} required />
    </>
  );
}
