package io.asynctournament.db.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Everything logged while it is open, at every level (TRACE, and pgjdbc's java.util.logging at FINEST), with stack
 * traces: for tests that check no secret is ever logged. Levels are put back on close.
 */
public final class CapturedLogs implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Map<Logger, Level> levels = new HashMap<>();
    private final List<ch.qos.logback.core.Appender<ILoggingEvent>> consoleAppenders = new java.util.ArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            String line = event.getLoggerName() + " " + event.getFormattedMessage();
            if (event.getThrowableProxy() != null) {
                line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
            }
            lines.add(line);
        }
    };
    private final java.util.logging.Logger pgjdbc = java.util.logging.Logger.getLogger("org.postgresql");
    private final java.util.logging.Level pgjdbcLevel = pgjdbc.getLevel();
    private final Handler julHandler = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.add("jul " + formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public CapturedLogs() {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Logger logger : context.getLoggerList()) {
            levels.put(logger, logger.getLevel());
            if (logger != root) {
                logger.setLevel(null);
            }
        }
        root.setLevel(Level.ALL);
        // the console stays as quiet as before: what is captured at TRACE goes only here
        root.iteratorForAppenders().forEachRemaining(consoleAppenders::add);
        consoleAppenders.forEach(root::detachAppender);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
        julHandler.setLevel(java.util.logging.Level.ALL);
        pgjdbc.setLevel(java.util.logging.Level.ALL);
        pgjdbc.addHandler(julHandler);
    }

    /** Every line so far, stack traces included. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Every line so far as one text. */
    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        appender.stop();
        consoleAppenders.forEach(root::addAppender);
        levels.forEach(Logger::setLevel);
        pgjdbc.removeHandler(julHandler);
        pgjdbc.setLevel(pgjdbcLevel);
    }
}
