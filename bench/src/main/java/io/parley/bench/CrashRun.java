package io.parley.bench;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The crash run of issue #4: Parley runs as its own process (the packaged jar) against a real
 * PostgreSQL and a real mail server (GreenMail, SMTP + IMAP). 1,000 customer emails wait in the
 * support mailbox; Parley is killed with SIGKILL while ingesting them and started again; then every
 * message must be in exactly one case. Then an agent answers every case and Parley is killed again
 * while the outbox sends; after the restart every reply must reach its customer, and the run counts
 * replies received twice.
 */
final class CrashRun {

  private static final String ADMIN_PASSWORD = "crash-admin-2026";
  private static final String DEMO_PASSWORD = "parley-demo-2026";
  private static final String SUPPORT = "support@crash.acme.test";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final int emails;
  private final int killInboundAt;
  private final int killOutboundAt;
  private final Path work;
  private final Path appJar;
  private Process app;
  private int port;
  private int starts;

  private CrashRun(int emails, int killInboundAt, int killOutboundAt, Path work, Path appJar) {
    this.emails = emails;
    this.killInboundAt = killInboundAt;
    this.killOutboundAt = killOutboundAt;
    this.work = work;
    this.appJar = appJar;
  }

  static void main(String[] args) throws Exception {
    Map<String, String> given = new LinkedHashMap<>();
    for (String arg : args) {
      if (arg.startsWith("--") && arg.contains("=")) {
        given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      }
    }
    BenchConfig config = BenchConfig.parse(new String[0]);
    Path appJar =
        Path.of(given.getOrDefault("app-jar", "app/target/parley-exec.jar")).toAbsolutePath();
    if (!Files.exists(appJar)) {
      throw new IllegalStateException(
          appJar + " not found: build it first (./mvnw -B -pl bench -am package -DskipTests)");
    }
    int emails = Integer.parseInt(given.getOrDefault("emails", "1000"));
    Path work = config.runDir().resolve("crash");
    BenchDatabase.deleteRecursively(work);
    Files.createDirectories(work);
    new CrashRun(
            emails,
            Integer.parseInt(
                given.getOrDefault("kill-inbound-at", String.valueOf(emails * 3 / 10))),
            Integer.parseInt(
                given.getOrDefault("kill-outbound-at", String.valueOf(emails * 3 / 10))),
            work,
            appJar)
        .run(config);
  }

  private void run(BenchConfig config) throws Exception {
    GreenMail mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    mail.start();
    try (BenchDatabase db = BenchDatabase.start(config)) {
      GreenMailUser support = mail.setUser(SUPPORT, SUPPORT, "support-secret");
      Session session = Session.getInstance(new Properties());
      for (int i = 1; i <= emails; i++) {
        support.deliver(customerMail(session, i));
      }
      log("%d customer emails wait in %s", emails, SUPPORT);

      start(db);
      Http admin = Http.signIn(port, "admin", ADMIN_PASSWORD);
      long account = connectMailbox(admin, mail);
      log("mailbox connected as account %d; Parley polls it every second", account);

      long t0 = System.nanoTime();
      long atKill = waitFor(db, "select count(*) from channels_inbound", killInboundAt, 600);
      kill();
      log("killed Parley (SIGKILL) with %d of %d emails ingested", atKill, emails);
      start(db);
      waitFor(db, "select count(*) from channels_inbound", emails, 900);
      settle(db, "select count(*) from channels_inbound");
      double ingestSeconds = (System.nanoTime() - t0) / 1e9;

      long inbound = count(db, "select count(*) from channels_inbound");
      long messages =
          count(db, "select count(*) from conversations_message where external_id like '<crash-%'");
      long distinctMessages =
          count(
              db,
              "select count(distinct external_id) from conversations_message"
                  + " where external_id like '<crash-%'");
      long cases =
          count(db, "select count(*) from conversations_case where subject like 'Crash %'");
      long distinctCases =
          count(
              db,
              "select count(distinct subject) from conversations_case where subject like 'Crash %'");
      long failed = count(db, "select count(*) from channels_inbound where status <> 'ACCEPTED'");

      // Replies: an agent answers every case; Parley is killed while the outbox sends them.
      Http agent = Http.signIn(port, "li.na", DEMO_PASSWORD);
      List<String> references = references(db);
      long t1 = System.nanoTime();
      int posted = 0;
      boolean killed = false;
      for (String reference : references) {
        if (!killed
            && count(db, "select count(*) from channels_outbox where status = 'SENT'")
                >= killOutboundAt) {
          kill();
          killed = true;
          log("killed Parley (SIGKILL) with %d replies posted, outbox sending", posted);
          start(db);
          agent = Http.signIn(port, "li.na", DEMO_PASSWORD);
        }
        if (reply(agent, reference)) {
          posted++;
        }
      }
      // Replies whose POST was cut by the kill: answer them once more if none was stored.
      for (String reference : references(db, true)) {
        reply(agent, reference);
      }
      waitFor(
          db,
          "select count(*) from channels_outbox where status in ('SENT','FAILED','BOUNCED')",
          references.size(),
          900);
      double replySeconds = (System.nanoTime() - t1) / 1e9;
      long outboundMessages =
          count(
              db,
              "select count(*) from conversations_message m join conversations_case c on c.id = m.case_id"
                  + " where m.kind = 'OUTBOUND' and c.subject like 'Crash %' and m.author_user_id is not null");
      long outboxSent = count(db, "select count(*) from channels_outbox where status = 'SENT'");
      long outboxFailed =
          count(db, "select count(*) from channels_outbox where status in ('FAILED','BOUNCED')");
      long retried = count(db, "select count(*) from channels_outbox where attempts > 1");
      List<String> receivedIds = new ArrayList<>();
      for (MimeMessage m : mail.getReceivedMessages()) {
        // Only Parley's replies: the customers' own emails sit in the support mailbox too.
        if (m.getMessageID() != null && m.getMessageID().startsWith("<parley-")) {
          receivedIds.add(m.getMessageID());
        }
      }
      Set<String> distinctReceived = new HashSet<>(receivedIds);

      System.out.println();
      System.out.println(
          "## Crash run (" + emails + " emails, SIGKILL during ingest and during sending)");
      System.out.println();
      System.out.println("| check | expected | found |");
      System.out.println("|---|---|---|");
      row("emails ingested (inbound records)", emails, inbound);
      row("case messages from those emails", emails, messages);
      row("distinct emails among them (lost = expected - found)", emails, distinctMessages);
      row("doubled messages (found - distinct)", 0, messages - distinctMessages);
      row("cases opened, one per email", emails, cases);
      row("distinct cases", emails, distinctCases);
      row("inbound records not accepted", 0, failed);
      row("agent replies stored", references.size(), outboundMessages);
      row("outbox entries sent", references.size(), outboxSent);
      row("outbox entries failed", 0, outboxFailed);
      row(
          "replies received by customers (distinct Message-ID)",
          references.size(),
          distinctReceived.size());
      row(
          "replies received twice (same Message-ID)",
          0,
          receivedIds.size() - distinctReceived.size());
      System.out.println();
      System.out.printf(
          "Ingest of %d emails incl. one kill and restart: %.1f s. Replies: %d posted in %.1f s (one"
              + " kill and restart), %d outbox entries needed more than one attempt. Parley starts: %d.%n",
          emails, ingestSeconds, references.size(), replySeconds, retried, starts);
      System.out.println("Logs: " + work);
    } finally {
      kill();
      mail.stop();
    }
  }

  private static void row(String what, long expected, long found) {
    System.out.printf(
        "| %s | %,d | %,d%s |%n", what, expected, found, expected == found ? "" : " ✗");
  }

  private MimeMessage customerMail(Session session, int i) throws Exception {
    String id = "<crash-%04d@customers.test>".formatted(i);
    MimeMessage m =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws jakarta.mail.MessagingException {
            setHeader("Message-ID", id);
          }
        };
    m.setFrom(
        new InternetAddress(
            "customer%02d@customers.test".formatted(i % 50), "Customer " + (i % 50)));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
    m.setSubject("Crash %04d: 无法连接 / cannot connect".formatted(i), "UTF-8");
    m.setText("Message %d: my phone cannot connect to Wi-Fi. 我的手机无法连接。".formatted(i), "UTF-8");
    m.setSentDate(new java.util.Date());
    return m;
  }

  private long connectMailbox(Http admin, GreenMail mail) throws Exception {
    String brand;
    try (var c = admin.get("/admin/channels/new?type=email")) {
      Matcher m = Pattern.compile("<option value=\"(\\d+)\"[^>]*>Acme Mobile<").matcher(c.body);
      if (!m.find()) {
        throw new IllegalStateException("No Acme Mobile brand on the connect form");
      }
      brand = m.group(1);
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("type", "email");
    form.put("brand", brand);
    form.put("name", "Crash mailbox");
    form.put("address", SUPPORT);
    form.put("setting.imapHost", "127.0.0.1");
    form.put("setting.imapPort", String.valueOf(mail.getImap().getPort()));
    form.put("setting.imapSecurity", "none");
    form.put("setting.imapUser", SUPPORT);
    form.put("setting.imapPassword", "support-secret");
    form.put("setting.imapFolder", "INBOX");
    form.put("setting.smtpHost", "127.0.0.1");
    form.put("setting.smtpPort", String.valueOf(mail.getSmtp().getPort()));
    form.put("setting.smtpSecurity", "none");
    form.put("setting.pollSeconds", "1");
    var response = admin.post("/admin/channels", form);
    String location =
        response
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Connecting the mailbox failed: " + response.statusCode()));
    return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
  }

  private boolean reply(Http agent, String reference) {
    try {
      agent.get("/cases/" + reference).close();
      Map<String, String> form = new LinkedHashMap<>();
      form.put("kind", "reply");
      form.put("body", "Please restart the router; 请重启路由器。");
      form.put("force", "true");
      var response = agent.post("/cases/" + reference + "/messages", form);
      return response.statusCode() == 302;
    } catch (IOException | InterruptedException | RuntimeException e) {
      return false; // the kill cut this request; checked against the database afterwards
    }
  }

  private List<String> references(BenchDatabase db) throws SQLException {
    return references(db, false);
  }

  private List<String> references(BenchDatabase db, boolean onlyUnanswered) throws SQLException {
    String sql =
        "select c.reference from conversations_case c where c.subject like 'Crash %'"
            + (onlyUnanswered
                ? " and not exists (select 1 from conversations_message m where m.case_id = c.id"
                    + " and m.kind = 'OUTBOUND' and m.author_user_id is not null)"
                : "")
            + " order by c.id";
    List<String> refs = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        refs.add(rs.getString(1));
      }
    }
    return refs;
  }

  private void start(BenchDatabase db) throws Exception {
    starts++;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = work.resolve("parley-" + starts + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
            ProcessHandle.current().info().command().orElse("java"),
            "-Xmx1g",
            "-jar",
            appJar.toString(),
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--parley.conversations.attachment-dir=" + work.resolve("attachments"),
            "--parley.channels.scheduler-tick=200ms",
            "--parley.channels.first-retry-delay=1s",
            "--parley.identity.bcrypt-strength=4");
    pb.environment().put("PARLEY_DB_URL", db.jdbcUrl());
    pb.environment().put("PARLEY_DB_USER", BenchDatabase.USER);
    pb.environment().put("PARLEY_DB_PASSWORD", BenchDatabase.PASSWORD);
    pb.environment().put("PARLEY_ADMIN_PASSWORD", ADMIN_PASSWORD);
    pb.environment().put("PARLEY_DEMO", "true");
    pb.environment().put("PARLEY_INDEX_DIR", work.resolve("index").toString());
    pb.environment().put("PARLEY_SECRET_KEY_FILE", work.resolve("secret.key").toString());
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    app = pb.start();
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (!app.isAlive()) {
        throw new IllegalStateException("Parley exited at start; see " + log);
      }
      try {
        var r =
            client.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          log("Parley start %d ready on port %d", starts, port);
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Parley did not become ready; see " + log);
  }

  private void kill() throws InterruptedException {
    if (app != null && app.isAlive()) {
      app.destroyForcibly(); // SIGKILL: no shutdown hooks, no graceful stop
      app.waitFor();
    }
  }

  private long waitFor(BenchDatabase db, String sql, long target, int seconds) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    long value = 0;
    while (System.nanoTime() < deadline) {
      value = count(db, sql);
      if (value >= target) {
        return value;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        "Timed out waiting for " + sql + " to reach " + target + " (at " + value + ")");
  }

  /** Waits until a count stops changing for two seconds (nothing more is coming). */
  private void settle(BenchDatabase db, String sql) throws Exception {
    long last = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() - stableSince < Duration.ofSeconds(2).toNanos()) {
      long now = count(db, sql);
      if (now != last) {
        last = now;
        stableSince = System.nanoTime();
      }
      Thread.sleep(100);
    }
  }

  private static long count(BenchDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void log(String format, Object... args) {
    System.out.printf("[crash] " + format + "%n", args);
  }

  /** A signed-in browser session: cookies, and the CSRF token of the last page. */
  static final class Http {
    private final HttpClient client;
    private final int port;
    private String csrf;

    private Http(int port) {
      this.port = port;
      this.client =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager())
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
    }

    static Http signIn(int port, String user, String password) throws Exception {
      Http http = new Http(port);
      http.get("/login").close();
      var r = http.post("/login", Map.of("username", user, "password", password));
      if (r.statusCode() != 302
          || r.headers().firstValue("Location").orElse("").contains("error")) {
        throw new IllegalStateException("Sign-in of " + user + " failed");
      }
      return http;
    }

    Page get(String path) throws IOException, InterruptedException {
      var r =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(30))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher m = CSRF.matcher(r.body());
      if (m.find()) {
        csrf = m.group(1);
      }
      return new Page(r.statusCode(), r.body());
    }

    HttpResponse<String> post(String path, Map<String, String> form)
        throws IOException, InterruptedException {
      Map<String, String> all = new LinkedHashMap<>(form);
      all.put("_csrf", csrf);
      String body =
          all.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      return client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    record Page(int status, String body) implements AutoCloseable {
      @Override
      public void close() {}
    }
  }
}
