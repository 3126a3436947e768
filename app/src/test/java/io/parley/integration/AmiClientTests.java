package io.parley.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.integration.internal.AmiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Asterisk AMI adapter against a tiny fake manager: a real TCP server socket that sends the
 * banner, checks the Login action and replays a documented event transcript of one call.
 */
class AmiClientTests {

  private static final String BANNER = "Asterisk Call Manager/9.0.0\r\n";

  @Test
  void turnsAnAsteriskCallIntoRingingAnsweredAndEnded() throws Exception {
    String transcript =
        Files.readString(
            Path.of("src/test/resources/integration/ami/call.txt"), StandardCharsets.UTF_8);
    List<CallEvent> events = new CopyOnWriteArrayList<>();
    try (var server = new ServerSocket(0)) {
      CompletableFuture<Map<String, String>> login =
          CompletableFuture.supplyAsync(() -> serve(server, "Success", transcript));
      try (var client = new AmiClient(events::add)) {
        var in = client.connect("localhost", server.getLocalPort(), "parley", "s3cret", 2_000);
        client.run(in);
      }
      assertThat(login.get(5, TimeUnit.SECONDS))
          .containsEntry("Action", "Login")
          .containsEntry("Username", "parley")
          .containsEntry("Secret", "s3cret");
    }

    assertThat(events)
        .extracting(CallEvent::type)
        .containsExactly(CallEvent.Type.RINGING, CallEvent.Type.ANSWERED, CallEvent.Type.ENDED);
    assertThat(events).extracting(CallEvent::callId).containsOnly("1732380000.11");
    CallEvent ringing = events.get(0);
    assertThat(ringing.caller()).isEqualTo("008613800138000");
    assertThat(ringing.extension()).isEqualTo("1001");
    assertThat(ringing.callee()).isEqualTo("4008001234");
  }

  @Test
  void refusedLoginIsAnError() throws Exception {
    try (var server = new ServerSocket(0)) {
      CompletableFuture.supplyAsync(() -> serve(server, "Error", ""));
      try (var client = new AmiClient(e -> {})) {
        assertThatThrownBy(
                () -> client.connect("localhost", server.getLocalPort(), "parley", "wrong", 2_000))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("login refused");
      }
    }
  }

  /** Accepts one manager connection; returns the login action it received. */
  private static Map<String, String> serve(ServerSocket server, String response, String events) {
    try (Socket socket = server.accept()) {
      var out = socket.getOutputStream();
      var in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out.write(BANNER.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Map<String, String> action = new LinkedHashMap<>();
      String line;
      while ((line = in.readLine()) != null && !line.isEmpty()) {
        int colon = line.indexOf(':');
        action.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
      String answer =
          "Response: "
              + response
              + "\r\nActionID: "
              + action.getOrDefault("ActionID", "")
              + "\r\nMessage: "
              + ("Success".equals(response) ? "Authentication accepted" : "Authentication failed")
              + "\r\n\r\n";
      out.write(answer.getBytes(StandardCharsets.US_ASCII));
      out.write(events.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return action;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
