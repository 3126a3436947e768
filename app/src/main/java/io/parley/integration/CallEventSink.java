package io.parley.integration;

/**
 * The telephony SPI: every phone system adapter (the HTTP CTI endpoint, the Asterisk AMI client)
 * hands its events here, and nothing else; the sink pops screens and logs calls.
 */
public interface CallEventSink {

  /** Handles one event; events of one call may arrive more than once (handled once). */
  void accept(CallEvent event);
}
