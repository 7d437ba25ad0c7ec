/** How main reports what it cannot hand to anyone else (a failed page load, an IPC handler's error). */
export type Log = (message: string, error: unknown) => void;

/** To stderr, which the OS service manager or a support engineer's terminal keeps. */
export const logError: Log = (message, error) => console.error(`mamori: ${message}:`, error);
