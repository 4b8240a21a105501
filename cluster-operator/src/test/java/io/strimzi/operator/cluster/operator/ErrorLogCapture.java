package io.strimzi.operator.cluster.operator;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the ERROR (and FATAL) lines logged while a test runs, so that a test can require that there were none. */
final class ErrorLogCapture extends AbstractAppender {
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private ErrorLogCapture() {
        super("error-capture", null, null, true, Property.EMPTY_ARRAY);
    }

    static ErrorLogCapture attach() {
        ErrorLogCapture capture = new ErrorLogCapture();
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(capture, Level.ERROR, null);
        context.updateLoggers();
        return capture;
    }

    void detach() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }

    @Override
    public void append(LogEvent event) {
        if (event.getLevel().isMoreSpecificThan(Level.ERROR)) {
            errors.add(event.getLoggerName() + ": " + event.getMessage().getFormattedMessage());
        }
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    /** The errors so far, which then no longer count (a test that causes them on purpose checks them itself). */
    List<String> take() {
        List<String> taken = List.copyOf(errors);
        errors.removeAll(taken);
        return taken;
    }
}
