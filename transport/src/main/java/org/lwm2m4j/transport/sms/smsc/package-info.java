/**
 * An SMSC simulator for development and tests: {@link org.lwm2m4j.transport.sms.smsc.Smsc} speaks
 * SMPP 3.4 as the SMSC side (jSMPP's server API), routes each {@code submit_sm} as a {@code
 * deliver_sm} to the ESME bound for its destination MSISDN, stores it while none is bound, and can
 * lose, duplicate and delay SMS on purpose ({@link org.lwm2m4j.transport.sms.smsc.SmscSettings}).
 * Every SMS seen is kept as an {@link org.lwm2m4j.transport.sms.smsc.SmsRecord}. Imports jSMPP and
 * {@code transport.sms}; nothing in the server or client imports this package.
 */
package org.lwm2m4j.transport.sms.smsc;
