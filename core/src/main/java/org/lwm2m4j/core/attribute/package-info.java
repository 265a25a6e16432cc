/**
 * The NOTIFICATION attributes of LwM2M (pmin, pmax, gt, lt, st, epmin, epmax, edge, con, hqmax)
 * as pure logic: the value set ({@link org.lwm2m4j.core.attribute.NotificationAttributes}) with
 * its validity rules and inheritance, the Write-Attributes query ({@link
 * org.lwm2m4j.core.attribute.AttributeUpdate}), and the decision whether and when an observation
 * notifies ({@link org.lwm2m4j.core.attribute.NotificationCriteria}). No I/O, no clocks, no threads.
 */
package org.lwm2m4j.core.attribute;
