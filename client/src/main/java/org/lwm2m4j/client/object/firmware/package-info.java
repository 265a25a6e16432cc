/**
 * The Firmware Update object (5) on the client: {@link
 * org.lwm2m4j.client.object.firmware.FirmwareUpdateInstance} with its state machine, and the
 * {@link org.lwm2m4j.client.object.firmware.FirmwareUpdater} that checks and installs a package.
 */
package org.lwm2m4j.client.object.firmware;
