package uz.eimzo.ca.audit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** The lines a class logs from now on, as logback receives them. */
public final class LogCapture {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture() {
    }

    public static LogCapture of(Class<?> source) {
        LogCapture capture = new LogCapture();
        capture.appender.start();
        ((Logger) LoggerFactory.getLogger(source)).addAppender(capture.appender);
        return capture;
    }

    /** The formatted ERROR lines. */
    public List<String> errors() {
        return appender.list.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
