package network.peere.app.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Everything the server logs while open, at the most verbose levels production allows (Peere's own loggers at TRACE,
 * the rest at DEBUG, the libraries production keeps at WARN still at WARN): each event's message, pattern,
 * arguments, MDC and exception messages, as text. The console stays at WARN meanwhile, so a failure is not buried.
 */
public final class CapturedLogs implements AutoCloseable {
    /** The libraries the app's logback.xml keeps at WARN in production. */
    private static final List<String> QUIET_IN_PRODUCTION =
            List.of("org.eclipse.jetty", "com.zaxxer.hikari", "org.flywaydb", "io.javalin");

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> levels = new HashMap<>();
    private final Map<Appender<ILoggingEvent>, List<Filter<ILoggingEvent>>> consoleFilters = new HashMap<>();

    private CapturedLogs() {
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> console = it.next();
            consoleFilters.put(console, console.getCopyOfAttachedFiltersList());
            ThresholdFilter warnOnly = new ThresholdFilter();
            warnOnly.setLevel(Level.WARN.levelStr);
            warnOnly.start();
            console.addFilter(warnOnly);
        }
        setLevel(root, Level.DEBUG);
        setLevel(context.getLogger("network.peere"), Level.TRACE);
        QUIET_IN_PRODUCTION.forEach(name -> setLevel(context.getLogger(name), Level.WARN));
        appender.setContext(context);
        appender.setName("captured-logs");
        appender.start();
        root.addAppender(appender);
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    private void setLevel(Logger logger, Level level) {
        levels.putIfAbsent(logger, logger.getLevel());
        logger.setLevel(level);
    }

    /** Every captured event as the texts it carries. */
    public List<String> texts() {
        List<String> texts = new ArrayList<>();
        List<ILoggingEvent> events;
        synchronized (appender) {
            events = List.copyOf(appender.list);
        }
        for (ILoggingEvent event : events) {
            texts.add(event.getLoggerName() + " " + event.getFormattedMessage());
            texts.add(String.valueOf(event.getMessage()));
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    texts.add(String.valueOf(argument));
                }
            }
            texts.add(String.valueOf(event.getMDCPropertyMap()));
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getClassName() + ": " + t.getMessage());
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    texts.add(frame.getSTEAsString());
                }
            }
        }
        return texts;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        levels.forEach(Logger::setLevel);
        consoleFilters.forEach((console, filters) -> {
            console.clearAllFilters();
            filters.forEach(console::addFilter);
        });
    }
}
