package dev.ssemonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The app drops exactly two JavaFX messages a user cannot act on; everything else JavaFX logs still shows. */
class JavaFxLogQuietTest {
    @Test
    void onlyTheTwoKnownMessagesAreDroppedAndTheyAreCounted() {
        MonitorApp.quietJavaFxLogs();
        List<String> seen = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                seen.add(r.getLoggerName() + ": " + r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger javafx = Logger.getLogger("javafx");
        javafx.addHandler(h);
        try {
            long before = MonitorApp.quietedLogRecords();
            Logger controls = Logger.getLogger("javafx.scene.control");
            controls.info("index exceeds maxCellCount. Check size calculations for class x.Y$1");
            controls.info("index exceeds itemCount.");
            controls.warning("a CSS error the user should see");
            javafx.warning("Unsupported JavaFX configuration: classes were loaded from 'unnamed module @1'");
            javafx.log(Level.SEVERE, "Unsupported operation, and something else");
            javafx.log(Level.SEVERE, (String) null);
            assertThat(seen).containsExactly("javafx.scene.control: index exceeds itemCount.",
                    "javafx.scene.control: a CSS error the user should see",
                    "javafx: Unsupported operation, and something else", "javafx: null");
            assertThat(MonitorApp.quietedLogRecords() - before).isEqualTo(2);
        } finally {
            javafx.removeHandler(h);
        }
    }
}
