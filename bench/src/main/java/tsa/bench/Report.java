package tsa.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The run's results as Markdown: headings, short paragraphs, tables and code blocks (plans, log lines). */
final class Report {

    private final StringBuilder text = new StringBuilder();

    void heading(int level, String title) {
        text.append("#".repeat(level)).append(' ').append(title).append("\n\n");
    }

    void paragraph(String paragraph) {
        text.append(paragraph).append("\n\n");
    }

    void table(List<String> header, List<List<String>> rows) {
        text.append("| ").append(String.join(" | ", header)).append(" |\n");
        text.append("|").append("---|".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            text.append("| ")
                    .append(String.join(
                            " | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        text.append('\n');
    }

    void code(String body) {
        text.append("```\n").append(body.strip()).append("\n```\n\n");
    }

    String markdown() {
        return text.toString();
    }

    void writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.1f", millis);
    }

    static String num(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }

    static String ratio(double service, double raw) {
        if (Double.isNaN(service) || Double.isNaN(raw) || raw <= 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2fx", service / raw);
    }

    static String met(boolean met) {
        return met ? "**met**" : "**not met**";
    }
}
