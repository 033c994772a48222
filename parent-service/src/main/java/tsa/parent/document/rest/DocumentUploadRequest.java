package tsa.parent.document.rest;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tsa.runtime.text.SingleLine;

/**
 * The contract's {@code DocumentUploadRequest}. The allowed document types, content types and the size limit are
 * checked by the service (the last two come from configuration), each 400 naming its field.
 */
public record DocumentUploadRequest(
        @NotNull String documentType,
        @NotBlank @SingleLine @Size(max = 255) String fileName,
        @NotNull @Min(1) Long fileSize,
        @NotNull String contentType) {}
