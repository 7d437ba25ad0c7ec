/**
 * Whether macOS asks for the password when the screen saver starts or the display sleeps, and
 * after how long: the setting `sysadminctl -screenLock status` reports (on stderr). Since Ventura
 * the System Settings toggle no longer writes askForPassword, so this is the reliable reader.
 */
export type PasswordAfterLock = { required: false } | { required: true; delaySeconds: number };

export interface ScreenLockStatus {
  password: PasswordAfterLock;
  /** The message without its log prefix, kept as evidence. */
  message: string;
}

// sysadminctl logs through NSLog: "2026-09-23 12:35:20.615 sysadminctl[69267:2988066] <message>".
const LOG_PREFIX = String.raw`(?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d+ sysadminctl\[\d+:\d+\] )?`;
// The three shapes, whole lines only: anything else (a new wording, an error) must stay unknown.
const STATUS_LINE = new RegExp(String.raw`^${LOG_PREFIX}(screenLock (?:delay is (?:(immediate)|(\d{1,9}) seconds)|is (off)))$`);

function statusOfLine(line: string): ScreenLockStatus | null {
  const m = STATUS_LINE.exec(line.trimEnd());
  if (!m) return null;
  const [, message, immediate, seconds] = m as unknown as [string, string, string | undefined, string | undefined];
  if (immediate !== undefined) return { password: { required: true, delaySeconds: 0 }, message };
  if (seconds !== undefined) return { password: { required: true, delaySeconds: Number(seconds) }, message };
  return { password: { required: false }, message };
}

/** The status from the command's output, or null unless exactly one status line is there. */
export function screenLockStatusFrom(output: string): ScreenLockStatus | null {
  const found = output
    .split(/\r?\n/)
    .map(statusOfLine)
    .filter((s): s is ScreenLockStatus => s !== null);
  const messages = new Set(found.map((s) => s.message));
  return messages.size === 1 ? found[0]! : null;
}
