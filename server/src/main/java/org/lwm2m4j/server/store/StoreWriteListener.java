package org.lwm2m4j.server.store;

import java.time.Duration;

/**
 * Hears about every batch a persistent store commits, e.g. to export write latency as a metric
 * without the store depending on a metrics library. Called on the store's writer thread: return
 * quickly.
 */
public interface StoreWriteListener {
  /**
   * A batch was committed.
   *
   * @param writes how many changes (rows upserted or deleted) the batch held
   * @param took how long writing and committing it took
   */
  void committed(int writes, Duration took);

  /** A batch could not be committed; its changes stay in memory only until they change again. */
  default void failed(int writes, Exception cause) {}
}
