package io.parley.shared;

import java.net.URI;

/** Whether an address is on the web: http or https, with a host. */
public final class WebAddress {

  private WebAddress() {}

  public static boolean web(URI uri) {
    String scheme = uri.getScheme();
    return uri.getHost() != null
        && scheme != null
        && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
  }

  /** As {@link #web(URI)}; false for null or what is not an address at all. */
  public static boolean web(String address) {
    if (address == null) {
      return false;
    }
    try {
      return web(URI.create(address));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
