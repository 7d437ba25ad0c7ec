/** The part of a WebContents the registry needs. */
export interface TrustedContents {
  readonly id: number;
  once(event: 'destroyed', listener: () => void): unknown;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/**
 * The webContents of windows Mamori itself created: the only ones whose IPC is answered and that
 * receive snapshots. Added before a window loads its page, removed when it is destroyed (ids are
 * not reused while an entry lives, so a stale id can never vouch for a new webContents).
 */
export class TrustedSenders {
  private readonly byId = new Map<number, TrustedContents>();

  add(contents: TrustedContents): void {
    this.byId.set(contents.id, contents);
    contents.once('destroyed', () => this.byId.delete(contents.id));
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  /** The live ones, for broadcasting. */
  all(): TrustedContents[] {
    return [...this.byId.values()].filter((c) => !c.isDestroyed());
  }
}
