package tsa.parent.document.service;

import java.util.Arrays;
import java.util.Optional;

/** The seed's {@code document_type}: {@code medical|legal|identification}. */
public enum DocumentType {
    MEDICAL("medical"),
    LEGAL("legal"),
    IDENTIFICATION("identification");

    private final String value;

    DocumentType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<DocumentType> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }
}
