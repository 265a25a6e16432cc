/**
 * Access control on the client (object 2): {@link org.lwm2m4j.client.acl.AccessControl} decides
 * whether a server may perform an {@link org.lwm2m4j.client.acl.Operation} on a path and keeps the
 * Access Control instances in step with creations and deletions.
 */
package org.lwm2m4j.client.acl;
