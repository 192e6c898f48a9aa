/**
 * For tests where two processes write one database file at once: a short pause after each commit
 * leaves the write lock free for the other process. Without it, one process can do all its writes
 * while the other sleeps in SQLite's busy handler (seen on CI's two cores), and the test would not
 * prove that the two really interleave.
 */
export function pauseForOtherWriters(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}
