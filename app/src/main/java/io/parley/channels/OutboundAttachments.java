package io.parley.channels;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens the bytes of an outbound attachment by the reference the sending module put in the outbox.
 * Implemented by the module that stores attachments.
 */
public interface OutboundAttachments {

  InputStream open(String ref) throws IOException;
}
