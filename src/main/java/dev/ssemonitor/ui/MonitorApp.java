package dev.ssemonitor.ui;

import dev.ssemonitor.AppInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The JavaFX application. Started through {@link #launchApp(String[])} from the plain Launcher class. */
public final class MonitorApp extends Application {
    static final String LIGHT_CSS = MonitorApp.class.getResource("app.css").toExternalForm();
    static final String DARK_CSS = MonitorApp.class.getResource("dark.css").toExternalForm();

    private MainWindowController window;

    /** The window's first size, when none is remembered (or the remembered place is on no screen now). */
    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 820;
    // Held, so the filters set below are not garbage-collected with the loggers. JavaFX logs through "javafx".
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");
    private static final java.util.logging.Logger CONTROLS_LOG = java.util.logging.Logger.getLogger("javafx.scene.control");
    private static final java.util.concurrent.atomic.AtomicLong QUIETED = new java.util.concurrent.atomic.AtomicLong();

    /** The settings, read (with Jackson's start-up) on another thread while the toolkit starts. */
    private static java.util.concurrent.CompletableFuture<Settings> settingsAhead;

    public static void launchApp(String[] args) {
        dev.ssemonitor.StartupTrace.mark("launching the toolkit");
        settingsAhead = java.util.concurrent.CompletableFuture.supplyAsync(() -> Settings.load(Settings.defaultFile()),
                r -> {
                    Thread t = new Thread(r, "settings-loader");
                    t.setDaemon(true);
                    t.start();
                });
        quietJavaFxLogs();
        Application.launch(MonitorApp.class, args);
    }

    /**
     * Drops two JavaFX messages that tell a user nothing they can act on, and nothing else:
     * <ul>
     *   <li>"Unsupported JavaFX configuration": a jar on the class path is exactly how this app ships JavaFX (see
     *       Launcher);</li>
     *   <li>VirtualFlow's "index exceeds maxCellCount": the list logs it whenever a layout finds room below its last
     *       row, as when a filter or the row bound shortens the list under a viewport that shows its end. The check
     *       compares a row index with a length in pixels, so with 100,000 rows every such layout logs it; the list
     *       then fills the room itself (its rows have one fixed height, so no cell sizes disagree).</li>
     * </ul>
     * Counted ({@link #quietedLogRecords()}), so the flood benchmark can say how many there were.
     */
    public static void quietJavaFxLogs() {
        JAVAFX_LOG.setFilter(r -> keep(r, "Unsupported JavaFX configuration"));
        CONTROLS_LOG.setFilter(r -> keep(r, "index exceeds maxCellCount"));
    }

    private static boolean keep(java.util.logging.LogRecord r, String quietPrefix) {
        if (r.getMessage() == null || !r.getMessage().startsWith(quietPrefix)) return true;
        QUIETED.incrementAndGet();
        return false;
    }

    /** JavaFX log records dropped by {@link #quietJavaFxLogs()} so far. */
    public static long quietedLogRecords() {
        return QUIETED.get();
    }

    @Override
    public void start(Stage stage) {
        dev.ssemonitor.StartupTrace.mark("toolkit started");
        Settings settings = settingsAhead != null ? settingsAhead.join() : Settings.load(Settings.defaultFile());
        // The window paints first, its menus and a line saying what comes; the first tab (its FXML, its CSS, the
        // demo's stub) is built right after that frame has gone to the screen. A launch shows a window in about a
        // second instead of two, and the tab follows; a window mapped before anything is laid out would stay white.
        window = show(stage, settings, MainWindowController::showStarting);
        afterFirstFrame(stage.getScene(), () -> {
            window.openStartTab();
            dev.ssemonitor.StartupTrace.mark("first tab built");
        });
    }

    @Override
    public void stop() {
        if (window != null) window.shutdown();
    }

    /** Builds the window on {@code stage} and shows it; tests call this with their own settings. */
    public static MainWindowController show(Stage stage, Settings settings) {
        return show(stage, settings, c -> { });
    }

    /** @param beforeShow what to build into the window before it maps (the start tab) */
    static MainWindowController show(Stage stage, Settings settings, java.util.function.Consumer<MainWindowController> beforeShow) {
        dev.ssemonitor.StartupTrace.mark("settings loaded");
        MainViewModel vm = new MainViewModel(settings);
        FXMLLoader loader = new FXMLLoader(MonitorApp.class.getResource("MainWindow.fxml"));
        MainWindowController controller = new MainWindowController(vm);
        loader.setController(controller);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dev.ssemonitor.StartupTrace.mark("main window loaded");
        // The default size is the client area's, as the window manager reports it; a remembered place is the
        // window's outer bounds, restored as they were.
        Scene scene = settings.window == null ? new Scene(root, DEFAULT_WIDTH, DEFAULT_HEIGHT) : new Scene(root);
        scene.getStylesheets().add(LIGHT_CSS);
        if (vm.darkThemeProperty().get()) scene.getStylesheets().add(DARK_CSS);
        vm.darkThemeProperty().addListener((o, a, dark) -> {
            if (dark) scene.getStylesheets().add(DARK_CSS);
            else scene.getStylesheets().remove(DARK_CSS);
        });
        stage.setTitle(AppInfo.name());
        java.util.List<Image> icons = new java.util.ArrayList<>();
        for (int size : ICON_SIZES) {
            InputStream icon = MonitorApp.class.getResourceAsStream("icons/sse-monitor-" + size + ".png");
            if (icon != null) icons.add(new Image(icon));
        }
        stage.getIcons().setAll(icons); // a stage shown again (the tests') does not pile them up
        stage.setScene(scene);
        stage.setMinWidth(760);
        stage.setMinHeight(480);
        place(stage, settings.window);
        stage.setOnHidden(e -> {
            remember(stage, settings);
            controller.shutdown();
        });
        beforeShow.accept(controller);
        dev.ssemonitor.StartupTrace.mark("scene ready");
        stage.show();
        dev.ssemonitor.StartupTrace.mark("shown");
        if (dev.ssemonitor.StartupTrace.enabled()) traceFirstFrames(scene);
        LayoutAudit.startIfAsked();
        return controller;
    }

    /** The sizes of the window's icon, one PNG each: the window manager picks the one it shows. */
    static final int[] ICON_SIZES = {16, 32, 48, 64, 128, 256};

    /**
     * Runs {@code step} shortly after the scene's first frame is laid out, once it is likely on the screen. Not at once:
     * the software renderer hands each finished frame to the window through the FX thread's queue, so a long step
     * queued before that hand-over keeps the frame off the screen until the step ends (on this machine the first frame
     * then showed a second late). JavaFX says nothing when a frame is out; the renderer takes tens of milliseconds for
     * a first frame, and the pause below leaves it that.
     */
    private static void afterFirstFrame(Scene scene, Runnable step) {
        Runnable[] self = new Runnable[1];
        self[0] = () -> {
            scene.removePostLayoutPulseListener(self[0]);
            javafx.animation.PauseTransition pause = new javafx.animation.PauseTransition(FIRST_FRAME_ALLOWANCE);
            pause.setOnFinished(e -> step.run());
            pause.play();
        };
        scene.addPostLayoutPulseListener(self[0]);
    }

    /** How long the first frame is given to reach the screen before the first tab is built. */
    static final javafx.util.Duration FIRST_FRAME_ALLOWANCE = javafx.util.Duration.millis(150);

    /** The pulses after show: the first is the first frame laid out and handed to the renderer. */
    private static void traceFirstFrames(Scene scene) {
        int[] pulses = {0};
        Runnable[] self = new Runnable[1];
        self[0] = () -> {
            dev.ssemonitor.StartupTrace.mark("frame " + ++pulses[0] + " laid out");
            if (pulses[0] >= 5) scene.removePostLayoutPulseListener(self[0]);
        };
        scene.addPostLayoutPulseListener(self[0]);
    }

    /** Puts the window where it was last time, if that is still on a screen; else at its default size, centred. */
    static void place(Stage stage, Settings.WindowPlace p) {
        boolean onScreen = p != null && p.width >= 400 && p.height >= 300
                && !Screen.getScreensForRectangle(p.x, p.y, p.width, p.height).isEmpty();
        if (onScreen) {
            stage.setX(p.x);
            stage.setY(p.y);
            stage.setWidth(p.width);
            stage.setHeight(p.height);
            stage.setMaximized(p.maximized);
        } else {
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            if (screen.getWidth() < DEFAULT_WIDTH || screen.getHeight() < DEFAULT_HEIGHT) {
                stage.setWidth(Math.min(DEFAULT_WIDTH, screen.getWidth()));
                stage.setHeight(Math.min(DEFAULT_HEIGHT, screen.getHeight()));
            }
            stage.centerOnScreen();
        }
    }

    static void remember(Stage stage, Settings settings) {
        Settings.WindowPlace p = settings.window != null ? settings.window : new Settings.WindowPlace();
        p.maximized = stage.isMaximized();
        if (!p.maximized) { // keep the size to restore to, not the screen's
            p.x = stage.getX();
            p.y = stage.getY();
            p.width = stage.getWidth();
            p.height = stage.getHeight();
        }
        settings.window = p;
        settings.save();
    }
}
