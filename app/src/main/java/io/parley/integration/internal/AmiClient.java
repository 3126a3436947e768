package io.parley.integration.internal;

import io.parley.integration.CallEvent;
import io.parley.integration.CallEventSink;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Asterisk Manager Interface (AMI) client: logs in over TCP with the {@code Login} action, reads
 * the event stream (blocks of {@code Key: Value} lines ended by a blank line) and turns a call's
 * events into {@link CallEvent}s for the {@link CallEventSink}: {@code DialBegin} or a {@code
 * Newstate} to "Ringing" → ringing at the extension of the dialled channel; {@code BridgeEnter} →
 * answered; the first {@code Hangup} → ended. A call is identified by its {@code Linkedid}.
 */
public class AmiClient implements Closeable {

  /** "PJSIP/1001-0000002a", "SIP/1001-00000001": the extension is the resource before the dash. */
  private static final Pattern CHANNEL = Pattern.compile("^[A-Za-z0-9]+/([^-@/]+)(?:[-@].*)?$");

  private static final String RINGING_STATE = "5";

  private final CallEventSink sink;
  private final Map<String, String> callers = new ConcurrentHashMap<>();
  private final Map<String, String> callees = new ConcurrentHashMap<>();
  private final Set<String> rung = ConcurrentHashMap.newKeySet();
  private final Set<String> answered = ConcurrentHashMap.newKeySet();
  private final Set<String> ended = ConcurrentHashMap.newKeySet();
  private Socket socket;

  public AmiClient(CallEventSink sink) {
    this.sink = sink;
  }

  /**
   * Connects and logs in; throws {@link IOException} if Asterisk refuses the login. Then call
   * {@link #run()} to read events until the connection closes.
   */
  public BufferedReader connect(
      String host, int port, String username, String secret, int timeoutMs) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress(host, port), timeoutMs);
    var in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    String banner = in.readLine();
    if (banner == null || !banner.startsWith("Asterisk Call Manager")) {
      throw new IOException("not an Asterisk manager: " + banner);
    }
    send(
        Map.of(
            "Action", "Login",
            "Username", username,
            "Secret", secret,
            "ActionID", "parley-login",
            "Events", "call"));
    while (true) {
      Map<String, String> block = read(in);
      if (block == null) {
        throw new IOException("connection closed during login");
      }
      if ("parley-login".equals(block.get("ActionID")) || block.containsKey("Response")) {
        if (!"Success".equalsIgnoreCase(block.get("Response"))) {
          throw new IOException("login refused: " + block.getOrDefault("Message", "?"));
        }
        break;
      }
    }
    return in;
  }

  /** Reads events until the connection ends, handing call events to the sink. */
  public void run(BufferedReader in) throws IOException {
    Map<String, String> block;
    while ((block = read(in)) != null) {
      String event = block.get("Event");
      if (event != null) {
        try {
          handle(event, block);
        } catch (RuntimeException e) {
          // One bad event must not end the stream.
          org.slf4j.LoggerFactory.getLogger(AmiClient.class)
              .warn("AMI event {} not handled", event, e);
        }
      }
    }
  }

  void handle(String event, Map<String, String> e) {
    String call = e.getOrDefault("Linkedid", e.get("Uniqueid"));
    if (call == null) {
      return;
    }
    switch (event) {
      case "Newchannel" -> {
        // The first channel of a call is the caller's: its number and the number it dialled.
        callers.putIfAbsent(call, e.getOrDefault("CallerIDNum", ""));
        callees.putIfAbsent(call, e.getOrDefault("Exten", ""));
      }
      case "DialBegin" -> {
        String caller = e.getOrDefault("CallerIDNum", callers.get(call));
        ringing(call, caller, extensionOf(e.get("DestChannel"), e.get("DestCallerIDNum")));
      }
      case "Newstate" -> {
        if (RINGING_STATE.equals(e.get("ChannelState"))) {
          // On the ringing (called) channel, the connected line is the caller.
          String caller = e.getOrDefault("ConnectedLineNum", callers.get(call));
          ringing(call, caller, extensionOf(e.get("Channel"), e.get("CallerIDNum")));
        }
      }
      case "BridgeEnter" -> {
        if (rung.contains(call) && answered.add(call)) {
          sink.accept(
              new CallEvent(
                  CallEvent.Type.ANSWERED,
                  call,
                  callers.get(call),
                  callees.get(call),
                  null,
                  Instant.now()));
        }
      }
      case "Hangup" -> {
        if (ended.add(call)) {
          sink.accept(
              new CallEvent(
                  CallEvent.Type.ENDED,
                  call,
                  callers.get(call),
                  callees.get(call),
                  null,
                  Instant.now()));
          callers.remove(call);
          callees.remove(call);
          rung.remove(call);
          answered.remove(call);
        }
      }
      default -> {}
    }
  }

  private void ringing(String call, String caller, String extension) {
    if (extension == null || !rung.add(call + "\u0000" + extension)) {
      return;
    }
    rung.add(call);
    callers.putIfAbsent(call, caller == null ? "" : caller);
    sink.accept(
        new CallEvent(
            CallEvent.Type.RINGING,
            call,
            caller,
            callees.getOrDefault(call, extension),
            extension,
            Instant.now()));
  }

  static String extensionOf(String channel, String fallback) {
    if (channel != null) {
      Matcher m = CHANNEL.matcher(channel);
      if (m.matches()) {
        return m.group(1);
      }
    }
    return fallback == null || fallback.isBlank() ? null : fallback;
  }

  private void send(Map<String, String> action) throws IOException {
    StringBuilder out = new StringBuilder();
    // Action first: Asterisk reads the action name from the first line.
    out.append("Action: ").append(action.get("Action")).append("\r\n");
    action.forEach(
        (k, v) -> {
          if (!"Action".equals(k)) {
            out.append(k).append(": ").append(v).append("\r\n");
          }
        });
    out.append("\r\n");
    OutputStream os = socket.getOutputStream();
    os.write(out.toString().getBytes(StandardCharsets.UTF_8));
    os.flush();
  }

  /** One block of "Key: Value" lines up to a blank line; null at the end of the stream. */
  static Map<String, String> read(BufferedReader in) throws IOException {
    Map<String, String> block = new LinkedHashMap<>();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) {
        if (block.isEmpty()) {
          continue;
        }
        return block;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        block.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    return block.isEmpty() ? null : block;
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
    }
  }
}
