/**
 * The store for several server nodes: {@link org.lwm2m4j.server.store.redis.RedisStore} keeps
 * registrations (with the node that owns each), observations, credentials, bootstrap configs and
 * sessions and firmware jobs in one Redis, and a replica of them in each node's memory, kept
 * current through a pub/sub change feed.
 */
package org.lwm2m4j.server.store.redis;
