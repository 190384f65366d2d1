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
import javafx.stage.Stage;

/** The JavaFX application. Started through {@link #launchApp(String[])} from the plain Launcher class. */
public final class MonitorApp extends Application {
    static final String LIGHT_CSS = MonitorApp.class.getResource("app.css").toExternalForm();
    static final String DARK_CSS = MonitorApp.class.getResource("dark.css").toExternalForm();

    private MainWindowController window;

    public static void launchApp(String[] args) {
        Application.launch(MonitorApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        window = show(stage, Settings.load(Settings.defaultFile()));
        window.openStartTab();
    }

    @Override
    public void stop() {
        if (window != null) window.shutdown();
    }

    /** Builds the window on {@code stage} and shows it; tests call this with their own settings. */
    public static MainWindowController show(Stage stage, Settings settings) {
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
        Scene scene = new Scene(root);
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
        stage.setOnHidden(e -> controller.shutdown());
        stage.show();
        return controller;
    }
}
