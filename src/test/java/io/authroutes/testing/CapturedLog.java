package io.authroutes.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything logged at any level, messages and stack traces, while it is open; the whole text is
 * searched for secrets. The root level is lowered to DEBUG so that nothing hides below INFO.
 */
public final class CapturedLog extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Level> levels = new CopyOnWriteArrayList<>();
    private final Level previous;

    private CapturedLog(Level level) {
        super("captured-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
        LoggerConfig root = config().getRootLogger();
        previous = root.getLevel();
        start();
        root.addAppender(this, level, null);
        root.setLevel(level);
        context().updateLoggers();
    }

    public static CapturedLog capture() {
        return new CapturedLog(Level.DEBUG);
    }

    /** Only what the shipped configuration logs: for a test under load, where DEBUG would be the load. */
    public static CapturedLog captureAsShipped() {
        return new CapturedLog(Level.INFO);
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                .append(event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        levels.add(event.getLevel());
        lines.add(line.toString());
    }

    /** How many lines at {@code level} contain {@code fragment}. */
    public long count(Level level, String fragment) {
        long found = 0;
        for (int i = 0; i < Math.min(lines.size(), levels.size()); i++) {
            if (levels.get(i).equals(level) && lines.get(i).contains(fragment)) {
                found++;
            }
        }
        return found;
    }

    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        LoggerConfig root = config().getRootLogger();
        root.removeAppender(getName());
        root.setLevel(previous);
        context().updateLoggers();
        stop();
    }

    private static LoggerContext context() {
        return (LoggerContext) LogManager.getContext(false);
    }

    private static Configuration config() {
        return context().getConfiguration();
    }
}
