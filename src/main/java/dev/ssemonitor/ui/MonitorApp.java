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
    // Held, so the filter set below is not garbage-collected with the logger. JavaFX logs through "javafx".
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    public static void launchApp(String[] args) {
        // A jar on the class path is exactly how this app ships JavaFX (see Launcher): the warning that it is "an
        // unsupported configuration" tells the user nothing they can act on.
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
        Application.launch(MonitorApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        // The first tab is built before the window shows, so its first frame has content: a window mapped empty
        // stays white while the tab's FXML and CSS load.
        window = show(stage, Settings.load(Settings.defaultFile()), MainWindowController::openStartTab);
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
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            InputStream icon = MonitorApp.class.getResourceAsStream("icons/sse-monitor-" + size + ".png");
            if (icon != null) stage.getIcons().add(new Image(icon));
        }
        stage.setScene(scene);
        stage.setMinWidth(760);
        stage.setMinHeight(480);
        place(stage, settings.window);
        stage.setOnHidden(e -> {
            remember(stage, settings);
            controller.shutdown();
        });
        beforeShow.accept(controller);
        stage.show();
        LayoutAudit.startIfAsked();
        return controller;
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
