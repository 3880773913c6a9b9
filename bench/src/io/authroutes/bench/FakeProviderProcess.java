package io.authroutes.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The fake providers' own JVM, as an upstream runs on its own machine: the benchmark's JVM starts it
 * (pinned to its own CPUs when {@code bench/run} could) and sends it one command a line on its standard
 * input, each answered by one line on its standard output. A pipe rather than a socket, so the callers'
 * JVM gains no thread and no connection that the soak would count. It exits when its input closes.
 *
 * <pre>
 * open LATENCY_MS LIFETIME_MS TOKEN_ON_API_HOST -> ID API_PORT TOKEN_PORT
 * static-token ID                               -> TOKEN
 * counts ID CLIENT_ID                           -> TOKEN_REQUESTS UNAUTHORIZED
 * revocations ID                                -> REVOCATIONS
 * revoke ID CLIENT_ID | revoke-all ID | forget-expired ID | close ID -> ok
 * cpu                                           -> CPU_NANOS_OF_THIS_JVM
 * </pre>
 */
public final class FakeProviderProcess {

    private FakeProviderProcess() {
    }

    public static void main(String[] args) throws Exception {
        // the commands' answers go to the real standard output; anything else the JVM prints goes to stderr
        PrintStream answers = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Map<String, FakeProvider> fakes = new HashMap<>();
        int opened = 0;
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        answers.println("ready");
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            String[] word = line.trim().split(" ");
            FakeProvider fake = word.length > 1 ? fakes.get(word[1]) : null;
            String answer = switch (word[0]) {
                case "open" -> {
                    FakeProvider created = new FakeProvider(Duration.ofMillis(Long.parseLong(word[1])),
                            Duration.ofMillis(Long.parseLong(word[2])), Boolean.parseBoolean(word[3]));
                    String id = "f" + (++opened);
                    fakes.put(id, created);
                    yield id + " " + created.apiPort() + " " + created.tokenPort();
                }
                case "static-token" -> fake.staticToken();
                case "counts" -> fake.tokenRequests(word[2]) + " " + fake.unauthorized(word[2]);
                case "revocations" -> String.valueOf(fake.revocations());
                case "revoke" -> {
                    fake.revoke(word[2]);
                    yield "ok";
                }
                case "revoke-all" -> {
                    fake.revokeAll();
                    yield "ok";
                }
                case "forget-expired" -> {
                    fake.forgetExpired();
                    yield "ok";
                }
                case "close" -> {
                    fakes.remove(word[1]).close();
                    yield "ok";
                }
                case "cpu" -> String.valueOf(((com.sun.management.OperatingSystemMXBean) ManagementFactory
                        .getOperatingSystemMXBean()).getProcessCpuTime());
                default -> "unknown command: " + word[0];
            };
            answers.println(answer);
        }
        for (FakeProvider fake : fakes.values()) {
            fake.close();
        }
    }
}
