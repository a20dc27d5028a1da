import { PassThrough } from 'node:stream';
import { terminalPrompter } from './terminal-prompt.js';

/** A terminal: what is typed goes in, what the prompter echoes comes out. */
function terminal() {
  const input = Object.assign(new PassThrough(), { raw: false, setRawMode(raw: boolean) { this.raw = raw; } });
  let shown = '';
  const output = new PassThrough();
  output.on('data', (c: Buffer) => (shown += c.toString('utf8')));
  return { input, output, shown: () => shown, type: (text: string) => input.write(Buffer.from(text, 'utf8')) };
}

describe('terminalPrompter', () => {
  it('an access key and its SK pasted at once at the first question: the SK is never echoed, and each answer lands on its own question', async () => {
    const t = terminal();
    const prompter = terminalPrompter(t.input, t.output);
    t.type('AKPASTED\rTOPSECRETSK\r');
    expect(await prompter.ask('Access key: ', false)).toBe('AKPASTED');
    expect(await prompter.ask('Secret key: ', true)).toBe('TOPSECRETSK');
    prompter.close?.();
    expect(t.shown()).toContain('AKPASTED');
    expect(t.shown()).not.toContain('TOPSECRETSK');
    expect(t.input.raw).toBe(false);
  });

  it('typed answers: backspace removes a whole character (UTF-8 too), arrow keys are not part of the answer, CR LF ends one line', async () => {
    const t = terminal();
    const prompter = terminalPrompter(t.input, t.output);
    const answer = prompter.ask('Project: ', false);
    t.type('abé\x7fc\x1b[Dd\r\n');
    expect(await answer).toBe('abcd');
    const next = prompter.ask('Endpoint: ', false);
    t.type('http://x\r');
    expect(await next).toBe('http://x');
    prompter.close?.();
  });

  it('Ctrl-C cancels with a usage error; the terminal is left raw only until close', async () => {
    const t = terminal();
    const prompter = terminalPrompter(t.input, t.output);
    const answer = prompter.ask('Secret key: ', true);
    expect(t.input.raw).toBe(true);
    t.type('abc\x03');
    await expect(answer).rejects.toThrow('cancelled');
    prompter.close?.();
    expect(t.input.raw).toBe(false);
  });
});
