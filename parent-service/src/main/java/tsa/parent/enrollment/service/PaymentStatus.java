package tsa.parent.enrollment.service;

import java.util.Arrays;
import java.util.Optional;

/** An enrollment's payment status (seed: {@code paid|pending|overdue}); admins set any value, no order. */
public enum PaymentStatus {
    PAID("paid"),
    PENDING("pending"),
    OVERDUE("overdue");

    private final String value;

    PaymentStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<PaymentStatus> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
