package dev.ssemonitor.client;

/** The EventSource readyState, with the numbers a page sees. */
public enum ReadyState {
    CONNECTING(0),
    OPEN(1),
    CLOSED(2);

    private final int code;

    ReadyState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
