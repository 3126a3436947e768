package io.parley.bench;

import java.util.Arrays;
import java.util.Map;

/**
 * Entry point of {@code parley-bench.jar}: {@code java -jar bench/target/parley-bench.jar cases
 * [--name=value ...]}.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("sentiment")) {
      SentimentBench.main(Arrays.copyOfRange(args, 1, args.length));
      System.exit(0);
    }
    if (args.length > 0 && args[0].equals("crash")) {
      int status = 0;
      try {
        CrashRun.main(Arrays.copyOfRange(args, 1, args.length));
      } catch (Exception | Error e) {
        e.printStackTrace();
        status = 1;
      }
      System.exit(status);
    }
    if (args.length > 0 && args[0].equals("listening")) {
      int status = 0;
      try {
        ListeningRun.main(Arrays.copyOfRange(args, 1, args.length));
      } catch (Exception | Error e) {
        e.printStackTrace();
        status = 1;
      }
      System.exit(status);
    }
    if (args.length == 0 || !args[0].equals("cases")) {
      System.out.println("Usage: java -jar bench/target/parley-bench.jar cases [--name=value ...]");
      System.out.println(
          "       java -jar bench/target/parley-bench.jar crash [--emails=1000]"
              + " [--kill-inbound-at=300] [--kill-outbound-at=300] [--app-jar=app/target/parley-exec.jar]");
      System.out.println("       java -jar bench/target/parley-bench.jar sentiment [seconds]");
      System.out.println(
          "       java -jar bench/target/parley-bench.jar listening [--posts=200000] [--rules=10000]"
              + " [--e2e-threads=16] ... ("
              + ListeningRun.help()
              + ")");
      System.out.println("Settings (also as -Dbench.name=value):");
      for (Map.Entry<String, String> setting : BenchConfig.HELP.entrySet()) {
        System.out.printf("  --%-16s default %s%n", setting.getKey(), setting.getValue());
      }
      System.exit(args.length == 0 || args[0].equals("help") ? 0 : 2);
    }
    int status = 0;
    try {
      CaseLoadRun.main(Arrays.copyOfRange(args, 1, args.length));
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    }
    // Agent threads are daemons and the application is closed; exit without waiting for stragglers.
    System.exit(status);
  }
}
