/**
 * CoAP over SMS (the LwM2M {@code S} binding): {@link org.lwm2m4j.transport.sms.SmsAddress} writes an
 * MSISDN as a socket address so that SMS peers use the same {@code CoapEndpoint} API as UDP ones.
 */
package org.lwm2m4j.transport.sms;
