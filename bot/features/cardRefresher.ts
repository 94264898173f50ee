/**
 * Folds concurrent refreshes of one shared card (a roll-call storm) into as few sends as possible:
 * while one is running, the next is remembered and run once after it, so the last run always starts
 * after the last change. It holds no outcome: what the card shows is read from the store each time
 * (and re-checked after sending, for other instances). One per bot instance, made by createBot.
 */
export class CardRefresher {
  private readonly running = new Map<string, { pending: boolean; done: Promise<void> }>();

  refresh(key: string, run: () => Promise<void>): Promise<void> {
    const current = this.running.get(key);
    if (current) {
      current.pending = true;
      return current.done;
    }
    const state = { pending: false, done: Promise.resolve() };
    state.done = (async () => {
      do {
        state.pending = false;
        await run();
      } while (state.pending);
    })().finally(() => this.running.delete(key));
    this.running.set(key, state);
    return state.done;
  }

  /** For shutdown and tests: until every refresh under way has finished. */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()].map((s) => s.done));
  }
}
