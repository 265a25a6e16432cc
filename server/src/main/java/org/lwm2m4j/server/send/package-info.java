/**
 * The server side of Send (LwM2M 1.1, {@code POST /dp}): {@link
 * org.lwm2m4j.server.send.SendHandler} decodes what a registered client pushes and tells the
 * {@link org.lwm2m4j.server.send.SendListener}s.
 */
package org.lwm2m4j.server.send;
