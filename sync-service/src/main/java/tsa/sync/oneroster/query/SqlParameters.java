package tsa.sync.oneroster.query;

import java.util.ArrayList;
import java.util.List;

/** The bound values of one statement; {@link #bind} hands back the positional placeholder that stands for a value. */
public final class SqlParameters {

    private final List<Object> values = new ArrayList<>();

    public String bind(Object value) {
        values.add(value);
        return "?" + values.size();
    }

    public List<Object> values() {
        return List.copyOf(values);
    }
}
