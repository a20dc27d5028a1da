// POSIX sh run on the server. They are constants: paths and contents arrive on stdin (a header
// of lines, then the content), so no caller's text is ever part of a command line.

/** The file changed between the read and the write; nothing was written. */
export const EXIT_FILE_CHANGED = 81;
/** `sshd -t` refused the configuration; nothing was written, sshd not reloaded. */
export const EXIT_CONFIG_INVALID = 82;
/** What arrived is not what was sent (its sha256 differs); nothing was written. */
export const EXIT_INCOMPLETE = 83;
/** The pid file does not hold a process id. */
export const EXIT_NO_PID = 84;
/** sshd did not write its pid file again after SIGHUP within RELOAD_WAIT_TENTHS tenths of a second. */
export const EXIT_NOT_BACK = 85;
/** The pid file names a process that is not sshd: nothing was signalled, the file is kept. */
export const EXIT_NOT_SSHD = 86;
const RELOAD_WAIT_TENTHS = 100;

// The same on GNU, BSD and macOS: the hex digest of stdin.
const DIGEST = [
  'digest() {',
  '  if command -v sha256sum >/dev/null 2>&1; then sha256sum',
  '  elif command -v shasum >/dev/null 2>&1; then shasum -a 256',
  '  else openssl dgst -sha256 -r; fi | cut -d " " -f 1',
  '}',
];

/** stdin: path. stdout: "present\n" and the bytes of the file, or "absent\n". Relative paths are from $HOME. */
export const READ_FILE = [
  'cd "$HOME" || exit 1',
  'IFS= read -r path || exit 1',
  'if [ -e "$path" ]; then printf "present\\n" && exec cat -- "$path"; fi',
  'printf "absent\\n"',
].join('\n');

/**
 * stdin: path, sha256 of the file as read (or "absent"), sha256 of the new content, mode ("private":
 * 0600; "keep": the old file's mode and owner), check ("sshd" runs `sshd -t` on the new file; "none"),
 * then the new content. The content goes to a temp file beside the target and is renamed over it
 * (atomic), after the checks and after comparing the file with what was read.
 */
export const REPLACE_FILE = [
  'umask 077',
  'cd "$HOME" || exit 1',
  'IFS= read -r path && IFS= read -r expected && IFS= read -r wanted && IFS= read -r mode && IFS= read -r check || exit 1',
  ...DIGEST,
  'dir=$(dirname -- "$path")',
  '[ -d "$dir" ] || mkdir -m 700 -- "$dir" || exit 1',
  'tmp=$(mktemp "$dir/.dew.XXXXXX") || exit 1',
  'fail() { rm -f -- "$tmp"; exit "$1"; }',
  'if [ "$mode" = keep ] && [ -e "$path" ]; then cp -p -- "$path" "$tmp" || fail 1; fi',
  'cat > "$tmp" || fail 1',
  `[ "$(digest < "$tmp")" = "$wanted" ] || fail ${EXIT_INCOMPLETE}`,
  'if [ "$mode" != keep ]; then chmod 600 -- "$tmp" || fail 1; fi',
  `if [ "$check" = sshd ]; then "$(command -v sshd || echo /usr/sbin/sshd)" -t -f "$tmp" >&2 || fail ${EXIT_CONFIG_INVALID}; fi`,
  'if [ -e "$path" ]; then current=$(digest < "$path") || fail 1; else current=absent; fi',
  `[ "$current" = "$expected" ] || fail ${EXIT_FILE_CHANGED}`,
  'mv -f -- "$tmp" "$path" || fail 1',
].join('\n');

/**
 * stdin: sshd's configuration file, its pid file. Checks the configuration with `sshd -t`, sends
 * sshd SIGHUP (it re-executes itself and reads the file again) and waits until it is back. The
 * check comes first: an sshd reloaded with a configuration it refuses exits, closing the server.
 */
export const RELOAD_SSHD = [
  'IFS= read -r config && IFS= read -r pidfile || exit 1',
  `"$(command -v sshd || echo /usr/sbin/sshd)" -t -f "$config" >&2 || exit ${EXIT_CONFIG_INVALID}`,
  'pid=$(cat -- "$pidfile") || exit 1',
  // Guards against "-1" and the like, which kill would take as every process.
  `case "$pid" in "" | *[!0-9]*) exit ${EXIT_NO_PID} ;; esac`,
  // The inventory names the pid file: never signal (or unlink the file of) another daemon.
  'comm=$(cat -- "/proc/$pid/comm" 2>/dev/null || ps -o comm= -p "$pid" 2>/dev/null)',
  `case "$comm" in sshd*) ;; *) exit ${EXIT_NOT_SSHD} ;; esac`,
  // sshd writes its pid file once it listens again, with the new configuration: until then a new
  // connection could still be served by the old one.
  'rm -f -- "$pidfile" || exit 1',
  'kill -HUP "$pid" || { printf "%s\\n" "$pid" > "$pidfile"; exit 1; }',
  'i=0',
  'until [ "$(cat -- "$pidfile" 2>/dev/null)" = "$pid" ]; do',
  `  i=$((i + 1)); [ "$i" -le ${RELOAD_WAIT_TENTHS} ] || { [ -e "$pidfile" ] || printf "%s\\n" "$pid" > "$pidfile"; exit ${EXIT_NOT_BACK}; }`,
  '  sleep 0.1 2>/dev/null || sleep 1',
  'done',
].join('\n');

/**
 * The command line that runs `script` with sh whatever the login shell. Single quotes keep the
 * script literal for the login shell, which is why no script may contain one.
 */
export function shCommand(script: string): string {
  if (script.includes("'")) throw new Error('a remote script may not contain a single quote');
  return `sh -c '${script}'`;
}
