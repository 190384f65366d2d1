package dev.ssemonitor.export;

import java.io.IOException;
import java.io.Writer;

/** RFC 4180 CSV: fields quoted when they hold a comma, quote, CR or LF; quotes doubled; CRLF line ends. */
public final class CsvWriter implements AutoCloseable {
    private final Writer out;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    public void row(Object... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) out.write(',');
            out.write(quote(fields[i] == null ? "" : fields[i].toString()));
        }
        out.write("\r\n");
    }

    static String quote(String s) {
        boolean needs = false;
        for (int i = 0; i < s.length() && !needs; i++) {
            char c = s.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
