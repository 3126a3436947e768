package io.parley.customers;

import java.util.List;

/**
 * The outcome of an asset CSV import: nothing is imported when any line is wrong; otherwise how
 * many assets were created and how many updated (same serial number).
 */
public record AssetImportResult(int created, int updated, List<LineError> errors) {

  /** A problem on one line of the file (line 1 is the header); {@code message} is a message key. */
  public record LineError(long line, String message, String value) {}

  public boolean ok() {
    return errors.isEmpty();
  }
}
