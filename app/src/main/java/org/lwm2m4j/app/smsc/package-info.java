/**
 * {@code lwm2m smsc}: {@link org.lwm2m4j.app.smsc.SmscCommand} runs the SMPP SMSC simulator of
 * {@code transport.sms.smsc} from the command-line options, for trying the SMS binding without an
 * operator's SMSC.
 */
package org.lwm2m4j.app.smsc;
