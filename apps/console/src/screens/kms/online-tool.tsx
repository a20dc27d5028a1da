import { useState } from 'react';
import { decryptData, encryptData, type KeyDetails } from '../../api/kms';
import { useSignedIn } from '../../session';
import { ErrorNotice } from '../../ui/error-notice';
import { TextArea } from '../../ui/field';
import { useAction } from '../../ui/use-action';
import { TOOL_MAX_BYTES, utf8Bytes } from './key-format';

type Mode = 'encrypt' | 'decrypt';

/**
 * Guide 1.5, "Using the Online Tool to Encrypt and Decrypt Small-Size Data": text of at most 4 KB
 * in, ciphertext (or plaintext) out. Neither is kept anywhere but in this component's state.
 */
export function OnlineTool({ keyInfo }: { readonly keyInfo: KeyDetails }) {
  const { api } = useSignedIn();
  const [mode, setMode] = useState<Mode>('encrypt');
  const [input, setInput] = useState('');
  const [output, setOutput] = useState('');
  const [said, say] = useState<string | null>(null);
  const bytes = utf8Bytes(input);
  const tooLarge = mode === 'encrypt' && bytes > TOOL_MAX_BYTES;

  const choose = (m: Mode) => {
    setMode(m);
    setOutput('');
    say(null);
    reset();
  };
  const { busy, error, run, reset } = useAction(async () => {
    say(null);
    setOutput('');
    setOutput(mode === 'encrypt' ? await encryptData(api, keyInfo, input) : await decryptData(api, keyInfo, input.trim()));
    say(mode === 'encrypt' ? 'Encrypted: the ciphertext is shown.' : 'Decrypted: the plaintext is shown.');
  });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(output);
      say('Copied to the clipboard.');
    } catch {
      say('The browser did not allow copying: select the text and copy it.');
    }
  };
  return (
    <section aria-labelledby="tool-title" className="panel">
      <h2 id="tool-title">Online encryption and decryption</h2>
      <form onSubmit={run}>
        <fieldset className="segmented">
          <legend>Operation</legend>
          {(['encrypt', 'decrypt'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="tool-mode" value={m} checked={mode === m} onChange={() => choose(m)} />
              {m === 'encrypt' ? 'Encrypt' : 'Decrypt'}
            </label>
          ))}
        </fieldset>
        <div className="tool">
          <TextArea
            label={mode === 'encrypt' ? 'Data to encrypt' : 'Ciphertext to decrypt'}
            value={input}
            onChange={setInput}
            required
            rows={6}
            hint={mode === 'encrypt' ? `${bytes} of ${TOOL_MAX_BYTES} bytes (4 KB at most).` : 'The ciphertext names the key that made it.'}
          />
          <TextArea label={mode === 'encrypt' ? 'Ciphertext' : 'Plaintext'} value={output} onChange={() => undefined} readOnly rows={6} />
        </div>
        {tooLarge ? (
          <p role="alert" className="notice error">
            The data is {bytes} bytes; the online tool takes at most {TOOL_MAX_BYTES} bytes (4 KB).
          </p>
        ) : null}
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || tooLarge || input === ''}>
            {busy ? 'Working…' : 'Execute'}
          </button>
          <button type="button" onClick={() => (setInput(''), setOutput(''), say(null), reset())}>
            Clear
          </button>
          <button type="button" onClick={copy} disabled={output === ''}>
            Copy to Clipboard
          </button>
          <span role="status">{said}</span>
        </div>
      </form>
    </section>
  );
}
