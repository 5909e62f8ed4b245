package dev.chat.client.tui;

import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.gui2.TextGUI;
import com.googlecode.lanterna.gui2.TextGUIThread;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The one thread that touches Lanterna. Unlike Lanterna's {@code SeparateTextGUIThread}, which
 * polls input and sleeps 1 ms in a loop (a thousand wake-ups a second while idle), this thread
 * blocks on a task queue: a separate key thread blocks in {@code readInput} and posts each key,
 * network threads post their events, a terminal resize posts a redraw. After each batch of tasks the
 * screen is redrawn if something changed. Idle, nothing runs.
 *
 * <p>{@link DefaultVirtualTerminal} cannot be read blocking (its {@code readInput} waits while
 * holding the monitor that drawing needs), so for it exactly the key thread polls every 10 ms;
 * tests that measure idle CPU use a subclass that blocks properly.
 */
final class GuiLoop implements TextGUIThread {
    private static final System.Logger LOG = System.getLogger(GuiLoop.class.getName());
    private static final Runnable WAKE = () -> { };

    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile MultiWindowTextGUI gui;
    private volatile Runnable onBatch = WAKE;
    private ExceptionHandler exceptionHandler = new ExceptionHandler() {
        @Override
        public boolean onIOException(IOException e) {
            LOG.log(System.Logger.Level.WARNING, "screen update failed", e);
            return false;
        }

        @Override
        public boolean onRuntimeException(RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "GUI task failed", e);
            return false;
        }
    };

    GuiLoop() {
        thread = Thread.ofPlatform().name("chat-gui").daemon().unstarted(this::loop);
    }

    /** Binds this loop to the GUI that Lanterna builds with it (see {@link #factory}). */
    static com.googlecode.lanterna.gui2.TextGUIThreadFactory factory(GuiLoop loop) {
        return (TextGUI textGUI) -> loop;
    }

    /** Runs after every batch of tasks, before the redraw: the view marks itself changed there. */
    void onBatch(Runnable hook) {
        onBatch = hook;
    }

    void start(MultiWindowTextGUI textGui) {
        this.gui = textGui;
        thread.start();
    }

    /**
     * Starts the key thread: every key read from {@code screen} goes to {@code keys} on this thread;
     * end of input arrives as {@link KeyType#EOF}.
     */
    void startKeys(Screen screen, Terminal terminal, Consumer<KeyStroke> keys) {
        boolean poll = terminal.getClass() == DefaultVirtualTerminal.class;
        Thread.ofPlatform().name("chat-keys").daemon().start(() -> {
            while (running) {
                KeyStroke key;
                try {
                    key = poll ? pollSlowly(screen) : screen.readInput();
                } catch (IOException | RuntimeException e) {
                    key = new KeyStroke(KeyType.EOF);
                }
                if (key != null) {
                    KeyStroke k = key;
                    invokeLater(() -> keys.accept(k));
                    if (k.getKeyType() == KeyType.EOF) {
                        return;
                    }
                }
            }
        });
    }

    private KeyStroke pollSlowly(Screen screen) throws IOException {
        KeyStroke key = screen.pollInput();
        if (key == null) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new KeyStroke(KeyType.EOF);
            }
        }
        return key;
    }

    /** Asks for a redraw (after a resize, say) without other work. */
    void wake() {
        tasks.add(WAKE);
    }

    /** Ends the loop after the tasks already queued. */
    void stop() {
        running = false;
        tasks.add(WAKE);
    }

    boolean isGuiThread() {
        return Thread.currentThread() == thread;
    }

    private void loop() {
        while (running) {
            try {
                Runnable task = tasks.take();
                run(task);
                for (Runnable more = tasks.poll(); more != null; more = tasks.poll()) {
                    run(more);
                }
                run(onBatch);
                redraw();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            exceptionHandler.onRuntimeException(e);
        }
    }

    private void redraw() {
        MultiWindowTextGUI g = gui;
        if (g == null || !running) {
            return;
        }
        try {
            if (g.isPendingUpdate()) {
                g.updateScreen();
            }
        } catch (IOException e) {
            exceptionHandler.onIOException(e);
        } catch (RuntimeException e) {
            exceptionHandler.onRuntimeException(e);
        }
    }

    @Override
    public void invokeLater(Runnable runnable) {
        tasks.add(runnable);
    }

    @Override
    public boolean processEventsAndUpdate() {
        if (!isGuiThread()) {
            return false;
        }
        boolean any = false;
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            run(task);
            any = true;
        }
        redraw();
        return any;
    }

    @Override
    public void invokeAndWait(Runnable runnable) throws InterruptedException {
        if (isGuiThread()) {
            runnable.run();
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        tasks.add(() -> {
            try {
                runnable.run();
            } finally {
                done.countDown();
            }
        });
        done.await();
    }

    @Override
    public void setExceptionHandler(ExceptionHandler handler) {
        exceptionHandler = handler;
    }

    @Override
    public Thread getThread() {
        return thread;
    }
}
