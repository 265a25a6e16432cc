/**
 * CoAP over SMS (the LwM2M {@code S} binding) through an SMSC over SMPP 3.4.
 * {@link org.lwm2m4j.transport.sms.SmsAddress} writes an MSISDN as a socket address so that SMS peers
 * use the same {@code CoapEndpoint} API as UDP ones; {@link org.lwm2m4j.transport.sms.SmsNetwork} is
 * the {@code CoapEndpointFactory} whose endpoints send each CoAP message as 8-bit SMS user data
 * (concatenated past 140 bytes) through jSMPP, bound to the SMSC as an ESME with {@link
 * org.lwm2m4j.transport.sms.SmppSettings}; the rest (segmentation, reassembly, the submit window,
 * the session kept bound) is package-private. The CoAP message layer is the twin's {@code TwinWire};
 * jSMPP is imported here and in the SMSC simulator ({@code .smsc}) only, never by server or client.
 */
package org.lwm2m4j.transport.sms;
